using System.Globalization;
using CemOnPrem.Bench.Load;

namespace CemOnPrem.Bench.Reporting;

/// <summary>Everything one <c>bench ingest</c> run measured, the ratios to the ceilings and the targets.</summary>
internal sealed class IngestResults
{
    public required IngestOptions Options { get; init; }

    public MachineFacts? Machine { get; set; }

    public CeilingResults Ceilings { get; } = new();

    public List<LoadResult> Runs { get; } = [];

    public Dictionary<string, RunContext> Context { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Ratios { get; } = new(StringComparer.Ordinal);

    public List<TargetResult> Targets { get; } = [];

    public void Add((LoadResult Run, RunContext Context) measured)
    {
        var (run, context) = measured;
        Runs.Add(run);
        Context[run.Name] = context;
        Console.WriteLine(F($"=> {run.Name}: {run.EventsPerSecond:N0} events/s ({run.RequestsPerSecond:N0} req/s), ack p50 {run.P50Ms:0.0} / p95 {run.P95Ms:0.0} / p99 {run.P99Ms:0.0} ms, max {run.MaxMs:0} ms, 503s {run.Overloaded}, errors {run.Errors}, not sent {run.NotSent}"));
        if (run.Cpu is { } cpu)
        {
            Console.WriteLine(F($"   cpu: server {cpu.ServerCores:0.00} cores, postgres {cpu.PostgresCores:0.00}, load generator {cpu.ClientCores:0.00}; {run.ServerCpuMicrosecondsPerEvent:0} + {run.PostgresCpuMicrosecondsPerEvent:0} = {run.CpuMicrosecondsPerEvent:0} µs CPU per event; load average {context.LoadAverageAfter}"));
        }

        Console.WriteLine(F($"   database: {context.Transactions.Commits:N0} transactions committed, {context.Transactions.Rollbacks:N0} rolled back (all CEM databases, whole run incl. warm-up)"));
    }

    public void Evaluate(double targetPerCore)
    {
        var cores = Machine?.LogicalCores ?? Environment.ProcessorCount;
        var singleOn = Find("single sync-on");
        var singleOff = Find("single sync-off");
        var paced = Runs.FirstOrDefault(r => r.TargetRequestsPerSecond is not null);
        var batchOn = Runs.FirstOrDefault(r => r.Name.StartsWith("batch", StringComparison.Ordinal) && r.Name.EndsWith("sync-on", StringComparison.Ordinal));
        var batchOff = Runs.FirstOrDefault(r => r.Name.StartsWith("batch", StringComparison.Ordinal) && r.Name.EndsWith("sync-off", StringComparison.Ordinal));
        var copy = Ceilings.CopyRowsPerSecond;

        Ratio("single_vs_kestrel_requests", singleOn?.RequestsPerSecond, Ceilings.Kestrel?.RequestsPerSecond);
        Ratio("single_events_per_fdatasync", singleOn?.EventsPerSecond, Ceilings.FdatasyncPerSecond);
        Ratio("single_vs_orleans_calls", singleOn?.EventsPerSecond, Ceilings.OrleansCallsPerSecond);
        Ratio("batch_vs_copy_rows", batchOn?.EventsPerSecond, copy);
        Ratio("single_sync_on_vs_off", singleOn?.EventsPerSecond, singleOff?.EventsPerSecond);
        Ratio("batch_sync_on_vs_off", batchOn?.EventsPerSecond, batchOff?.EventsPerSecond);

        var wanted = targetPerCore * cores;
        Target(F($"durable single-event ingest >= {targetPerCore:N0} events/s per core ({wanted:N0} on {cores} cores)"), singleOn?.EventsPerSecond, wanted, "events/s", higherIsBetter: true);
        if (paced is not null)
        {
            // Met only if the offered load was actually carried: a server that falls behind has no meaningful p99 here.
            var carried = paced.EventsPerSecond >= 0.95 * paced.TargetRequestsPerSecond!.Value;
            var name = F($"ack p99 <= 25 ms at {paced.TargetRequestsPerSecond:N0} events/s offered (carried {paced.EventsPerSecond:N0}/s, {paced.NotSent:N0} never sent)");
            Targets.Add(new TargetResult(name, carried ? paced.P99Ms : double.PositiveInfinity, 25, "ms", carried && paced.P99Ms <= 25));
        }

        Target("batch ingest >= 40 % of raw COPY", Ratios.GetValueOrDefault("batch_vs_copy_rows", double.NaN), 0.40, "ratio", higherIsBetter: true);
        Target("synchronous_commit=on >= 90 % of off (single events)", Ratios.GetValueOrDefault("single_sync_on_vs_off", double.NaN), 0.90, "ratio", higherIsBetter: true);
        Target("synchronous_commit=on >= 90 % of off (batches)", Ratios.GetValueOrDefault("batch_sync_on_vs_off", double.NaN), 0.90, "ratio", higherIsBetter: true);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("run                              events/s     req/s   p50 ms   p95 ms   p99 ms   max ms  503s  errors  µs CPU/event (server+pg)");
        foreach (var r in Runs)
        {
            Console.WriteLine(F($"{r.Name,-30} {r.EventsPerSecond,10:N0} {r.RequestsPerSecond,9:N0} {r.P50Ms,8:0.0} {r.P95Ms,8:0.0} {r.P99Ms,8:0.0} {r.MaxMs,8:0} {r.Overloaded,5} {r.Errors,7}  {r.ServerCpuMicrosecondsPerEvent,6:0} + {r.PostgresCpuMicrosecondsPerEvent,4:0}"));
        }

        Console.WriteLine();
        Console.WriteLine(F($"ceilings: fdatasync {Ceilings.FdatasyncPerSecond:N0}/s, kestrel {Ceilings.Kestrel?.RequestsPerSecond:N0} req/s, orleans {Ceilings.OrleansCallsPerSecond:N0} calls/s, COPY {Ceilings.CopyRowsPerSecond:N0} rows/s"));
        foreach (var (name, value) in Ratios)
        {
            Console.WriteLine(F($"ratio {name,-30} {value,8:0.000}"));
        }

        Console.WriteLine();
        foreach (var target in Targets)
        {
            Console.WriteLine(F($"[{(target.Met ? "MET " : "MISS")}] {target.Name}: {target.Measured:0.###} {target.Unit} (target {target.Target:0.###})"));
        }
    }

    private LoadResult? Find(string name) => Runs.FirstOrDefault(r => r.Name == name);

    private void Ratio(string name, double? value, double? ceiling)
    {
        if (value is { } v && ceiling is { } c && c > 0)
        {
            Ratios[name] = v / c;
        }
    }

    private void Target(string name, double? measured, double target, string unit, bool higherIsBetter)
    {
        if (measured is not { } m || double.IsNaN(m))
        {
            return;
        }

        Targets.Add(new TargetResult(name, m, target, unit, higherIsBetter ? m >= target : m <= target));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed class CeilingResults
{
    public double? FdatasyncPerSecond { get; set; }

    public LoadResult? Kestrel { get; set; }

    public double? OrleansCallsPerSecond { get; set; }

    public Dictionary<int, double> CopyRowsPerSecondByStreams { get; } = [];

    public double? CopyRowsPerSecond => CopyRowsPerSecondByStreams.Count == 0 ? null : CopyRowsPerSecondByStreams.Values.Max();
}

internal sealed record RunContext(
    string LoadAverageBefore, string LoadAverageAfter, CemOnPrem.Bench.Infrastructure.TransactionCounts Transactions,
    IReadOnlyList<CemOnPrem.Bench.Infrastructure.StatementStat> TopStatements);

internal sealed record TargetResult(string Name, double Measured, double Target, string Unit, bool Met);
