using System.Diagnostics;
using CemOnPrem.Audit;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Bench.Audit;

/// <summary>The appender alone: <c>concurrency</c> callers each appending and awaiting the commit, closed loop.</summary>
internal static class AuditAppendBench
{
    public static async Task<AppendResult> RunAsync(BenchPostgres postgres, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        var connectionString = postgres.ConnectionString("cem_control");
        await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Control, NullLogger.Instance, CancellationToken.None);
        await using var control = new ControlDatabase(connectionString);
        using var appender = new AuditAppender(new AuditChainStore(control), Options.Create(new AuditOptions()), NullLogger<AuditAppender>.Instance);
        await appender.StartAsync(CancellationToken.None);
        var latency = new LatencyHistogram();
        long appended = 0;
        var measuring = false;
        var clock = Stopwatch.StartNew();
        var end = warmup + duration;
        var callers = Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            var draft = new AuditDraft(DateTimeOffset.UtcNow, new AuditActor("client:bench-" + caller, ["ingest"]), AuditActions.IngestBatch,
                "POST /api/v1/events/batch", null, null, null, AuditOutcome.Allowed, "bench", "status=202");
            while (clock.Elapsed < end)
            {
                var started = Stopwatch.GetTimestamp();
                await appender.AppendAsync(draft with { RecordedAt = DateTimeOffset.UtcNow });
                if (Volatile.Read(ref measuring))
                {
                    latency.RecordElapsed(started);
                    Interlocked.Increment(ref appended);
                }
            }
        })).ToList();
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var measuredFrom = clock.Elapsed;
        await Task.WhenAll(callers);
        var seconds = (clock.Elapsed - measuredFrom).TotalSeconds;
        await appender.StopAsync(CancellationToken.None);
        return new AppendResult(concurrency, seconds, appended, appended / seconds, latency.PercentileMs(50), latency.PercentileMs(99));
    }
}

internal sealed record AppendResult(int Concurrency, double Seconds, long Appends, double AppendsPerSecond, double P50Ms, double P99Ms);
