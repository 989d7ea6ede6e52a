using System.Globalization;
using CemOnPrem.Bench.Ceilings;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench;

/// <summary>
/// <c>./cem bench ingest</c>: throwaway PostgreSQL (fsync on), the same-run ceilings, then the real server
/// under single-event and batch load with synchronous_commit on (and off, to compare); prints ratios, writes JSON.
/// </summary>
internal static class IngestBench
{
    public const double TargetEventsPerCore = 5_000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var o = IngestOptions.From(args);
        Console.WriteLine($"cem bench ingest: {o.Describe()}");
        var results = new IngestResults { Options = o };
        await using var postgres = await BenchPostgres.StartAsync(o.DataDirectory, o.Keep);
        results.Machine = MachineFacts.Collect(postgres.Version);
        Console.WriteLine($"PostgreSQL {postgres.Version} in {postgres.DataDirectory}, port {postgres.Port}");

        if (o.Ceilings)
        {
            var (fsync, _) = await FsyncCeiling.MeasureAsync(postgres, 2);
            results.Ceilings.FdatasyncPerSecond = fsync;
            Console.WriteLine(F($"ceiling fsync: pg_test_fsync fdatasync {fsync:N0} flushes/s"));
            var kestrel = await KestrelCeiling.MeasureAsync(new EventBodies("kestrel", o.Customers), o.Concurrency, o.Warmup, o.CeilingDuration);
            results.Ceilings.Kestrel = kestrel;
            Console.WriteLine(F($"ceiling kestrel: {kestrel.RequestsPerSecond:N0} requests/s (p99 {kestrel.P99Ms:0.0} ms)"));
            var orleans = await OrleansCeiling.MeasureAsync(o.Concurrency, 10_000, o.Warmup, o.CeilingDuration);
            results.Ceilings.OrleansCallsPerSecond = orleans;
            Console.WriteLine(F($"ceiling orleans: {orleans:N0} grain calls/s (in-process silo)"));
        }

        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        foreach (var synchronousCommit in o.SynchronousCommit)
        {
            var label = synchronousCommit ? "sync-on" : "sync-off";
            Console.WriteLine($"server ({label}) starting...");
            await using var server = await ServerProcess.StartAsync(o.ServerDll, postgres, synchronousCommit, label, o.ServerSettings, o.ServerEnvironment);
            Console.WriteLine($"server ({label}) pid {server.ProcessId} at {server.BaseAddress}");
            var single = new Uri(server.BaseAddress, "api/v1/events");
            var batch = new Uri(server.BaseAddress, "api/v1/events/batch");
            if (o.Modes.Contains("single"))
            {
                var bodies = new EventBodies($"s{runId}-{label}", o.Customers);
                results.Add(await MeasureAsync(postgres, new LoadSpec($"single {label}", single, "application/json", bodies.Single, 1, o.Concurrency, o.Warmup, o.Duration), server));
                if (synchronousCommit && o.Rate > 0)
                {
                    var paced = new EventBodies($"r{runId}-{label}", o.Customers);
                    results.Add(await MeasureAsync(postgres, new LoadSpec(F($"single {label} @{o.Rate:0}/s"), single, "application/json", paced.Single, 1,
                        o.RateConcurrency, o.Warmup, o.Duration, o.Rate), server));
                }
            }

            if (o.Modes.Contains("batch"))
            {
                var bodies = new EventBodies($"b{runId}-{label}", o.Customers);
                results.Add(await MeasureAsync(postgres, new LoadSpec(F($"batch{o.BatchSize} {label}"), batch, "application/x-ndjson", () => bodies.Batch(o.BatchSize),
                    o.BatchSize, o.BatchConcurrency, o.Warmup, o.Duration), server));
            }
        }

        if (o.Ceilings)
        {
            foreach (var streams in new[] { 1, 2 })
            {
                var rows = await CopyCeiling.MeasureAsync(postgres.ConnectionString("cem_cn_east"), F($"copy{runId}x{streams}"), o.Customers, streams, o.CeilingDuration);
                results.Ceilings.CopyRowsPerSecondByStreams[streams] = rows;
                Console.WriteLine(F($"ceiling copy: {rows:N0} rows/s ({streams} stream(s), {CopyCeiling.RowsPerCopy} rows per COPY transaction)"));
            }
        }

        results.Evaluate(TargetEventsPerCore);
        results.Print();
        var path = ResultFiles.Write(o.OutputDirectory, "ingest", o.Label, results);
        Console.WriteLine($"results: {path}");
        return 0;
    }

    /// <summary>One load run with the machine's load average around it, the database's commits and rollbacks, and the statements that took its time.</summary>
    private static async Task<(LoadResult, RunContext)> MeasureAsync(BenchPostgres postgres, LoadSpec spec, ServerProcess? server = null)
    {
        if (server is not null)
        {
            spec = spec with { Cpu = new CpuProbe(server.ProcessId, postgres.PostmasterPid), BearerToken = server.IngestToken };
        }

        await postgres.ResetStatementsAsync();
        var before = LoadAverage();
        var transactionsBefore = await postgres.TransactionCountsAsync();
        var result = await LoadGenerator.RunAsync(spec);
        var after = LoadAverage();
        var transactions = await postgres.TransactionCountsAsync() - transactionsBefore;
        return (result, new RunContext(before, after, transactions, await postgres.TopStatementsAsync(8)));
    }

    /// <summary>/proc/loadavg: other work on a shared machine shows up here, and in the numbers.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
