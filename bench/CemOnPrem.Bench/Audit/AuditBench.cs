using System.Globalization;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench.Audit;

/// <summary>
/// <c>./cem bench audit</c>: appends/s of the audit appender alone, then ingest throughput of the real
/// server with the ingest audit on and off (<c>Cem:Audit:RecordIngest</c>), alternating off/on per round so
/// drift on a shared machine hits both sides alike. Target: auditing costs at most 5 % of batch throughput.
/// </summary>
internal static class AuditBench
{
    public const double TargetCostPercent = 5;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var duration = args.Duration("duration", TimeSpan.FromSeconds(20));
        var warmup = args.Duration("warmup", TimeSpan.FromSeconds(5));
        var concurrency = args.Int("concurrency", 64);
        var batchSize = args.Int("batch-size", 500);
        var batchConcurrency = args.Int("batch-concurrency", 8);
        var rounds = args.Int("rounds", 2);
        var customers = args.Int("customers", 50_000);
        var modes = args.String("mode", "all") switch
        {
            "all" => new[] { "batch", "single" },
            "batch" => ["batch"],
            "single" => ["single"],
            var other => throw new ArgumentException($"--mode must be batch, single or all, not '{other}'."),
        };
        Console.WriteLine(F($"cem bench audit: {duration.TotalSeconds:0}s (+{warmup.TotalSeconds:0}s warm-up) per run, appender concurrency {concurrency}, batch {batchSize}x{batchConcurrency}, single x{concurrency}, {rounds} rounds off/on"));
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var machine = MachineFacts.Collect(postgres.Version);
        Console.WriteLine($"PostgreSQL {postgres.Version}, load average {LoadAverage()}");

        var appends = new List<AppendResult>();
        foreach (var callers in new[] { 1, concurrency })
        {
            var result = await AuditAppendBench.RunAsync(postgres, callers, warmup, duration);
            appends.Add(result);
            Console.WriteLine(F($"appender x{callers}: {result.AppendsPerSecond:N0} appends/s (p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms)"));
        }

        var runs = new List<IngestRun>();
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var audited in new[] { false, true })
            {
                var label = (audited ? "audit-on" : "audit-off") + "-" + round;
                await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, label,
                    [F($"Cem:Audit:RecordIngest={audited}")], []);
                foreach (var mode in modes)
                {
                    var bodies = new EventBodies($"a{runId}{label}{mode}", customers);
                    var spec = mode == "batch"
                        ? new LoadSpec($"batch{batchSize} {label}", new Uri(server.BaseAddress, "api/v1/events/batch"), "application/x-ndjson",
                            () => bodies.Batch(batchSize), batchSize, batchConcurrency, warmup, duration)
                        : new LoadSpec($"single {label}", new Uri(server.BaseAddress, "api/v1/events"), "application/json", bodies.Single, 1, concurrency, warmup, duration);
                    // CPU per event moves much less than throughput when other work shares the machine.
                    spec = spec with { Cpu = new CpuProbe(server.ProcessId, postgres.PostmasterPid) };
                    var load = LoadAverage();
                    var result = await LoadGenerator.RunAsync(spec);
                    runs.Add(new IngestRun(mode, audited, round, result.EventsPerSecond, result.CpuMicrosecondsPerEvent, result.P99Ms, result.Errors + result.Overloaded, load));
                    Console.WriteLine(F($"{spec.Name}: {result.EventsPerSecond:N0} events/s, {result.CpuMicrosecondsPerEvent:0} µs CPU/event, p99 {result.P99Ms:0.0} ms, errors {result.Errors + result.Overloaded}, load {load}"));
                }
            }
        }

        var costs = modes.ToDictionary(mode => mode, mode => new
        {
            throughputPercent = CostPercent(runs, mode, run => run.EventsPerSecond, lowerIsCost: true),
            cpuPerEventPercent = CostPercent(runs, mode, run => run.CpuMicrosecondsPerEvent ?? double.NaN, lowerIsCost: false),
        });
        foreach (var (mode, cost) in costs)
        {
            Console.WriteLine(F($"{mode}: auditing costs {cost.throughputPercent:0.0} % of throughput and {cost.cpuPerEventPercent:0.0} % more CPU per event (target ≤ {TargetCostPercent} %)"));
        }

        var path = ResultFiles.Write(args.String("out", RepoPaths.Results), "audit", args.OptionalString("label"),
            new { machine, appends, runs, costPercent = costs, targetCostPercent = TargetCostPercent });
        Console.WriteLine($"results: {path}");
        return 0;
    }

    /// <summary>The cost of auditing in percent of the unaudited mean; negative when the audited runs happened to do better (noise).</summary>
    private static double CostPercent(List<IngestRun> runs, string mode, Func<IngestRun, double> measure, bool lowerIsCost)
    {
        var off = runs.Where(run => run.Mode == mode && !run.Audited).Average(measure);
        var on = runs.Where(run => run.Mode == mode && run.Audited).Average(measure);
        return (lowerIsCost ? 1 - (on / off) : (on / off) - 1) * 100;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record IngestRun(string Mode, bool Audited, int Round, double EventsPerSecond, double? CpuMicrosecondsPerEvent, double P99Ms, long Failures, string LoadAverage);
