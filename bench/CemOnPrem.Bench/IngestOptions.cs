using System.Globalization;
using CemOnPrem.Bench.Infrastructure;

namespace CemOnPrem.Bench;

/// <summary>Options of <c>bench ingest</c> (see <c>./cem bench --help</c>).</summary>
internal sealed record IngestOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan CeilingDuration,
    int Concurrency,
    int RateConcurrency,
    double Rate,
    IReadOnlyList<string> Modes,
    int BatchSize,
    int BatchConcurrency,
    IReadOnlyList<bool> SynchronousCommit,
    int Customers,
    bool Ceilings,
    string? DataDirectory,
    bool Keep,
    string ServerDll,
    IReadOnlyList<string> ServerSettings,
    IReadOnlyList<string> ServerEnvironment,
    string OutputDirectory,
    string? Label)
{
    public static IngestOptions From(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var mode = args.String("mode", "all");
        var sync = args.String("sync", "both");
        var defaultRate = 0.8 * IngestBench.TargetEventsPerCore * Environment.ProcessorCount;
        return new IngestOptions(
            args.Duration("duration", TimeSpan.FromSeconds(30)),
            args.Duration("warmup", TimeSpan.FromSeconds(5)),
            args.Duration("ceiling-duration", TimeSpan.FromSeconds(10)),
            args.Int("concurrency", 64),
            args.Int("rate-concurrency", 256),
            args.Double("rate") ?? defaultRate,
            mode switch
            {
                "all" => ["single", "batch"],
                "single" or "batch" => [mode],
                _ => throw new ArgumentException($"--mode must be single, batch or all, not '{mode}'."),
            },
            args.Int("batch-size", 500),
            args.Int("batch-concurrency", 8),
            sync switch
            {
                "both" => [true, false],
                "on" => [true],
                "off" => [false],
                _ => throw new ArgumentException($"--sync must be on, off or both, not '{sync}'."),
            },
            args.Int("customers", 50_000),
            !args.Flag("no-ceilings"),
            args.OptionalString("data-dir"),
            args.Flag("keep"),
            args.String("server", RepoPaths.ServerDll),
            args.All("server-setting"),
            args.All("server-env"),
            args.String("out", RepoPaths.Results),
            args.OptionalString("label"));
    }

    public string Describe()
    {
        var sync = string.Join('/', SynchronousCommit.Select(s => s ? "on" : "off"));
        var settings = (ServerSettings.Count > 0 ? ", server settings " + string.Join(' ', ServerSettings) : "") +
            (ServerEnvironment.Count > 0 ? ", server environment " + string.Join(' ', ServerEnvironment) : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"modes {string.Join('+', Modes)}, {Duration.TotalSeconds:0}s (+{Warmup.TotalSeconds:0}s warm-up) per run, concurrency {Concurrency}, batch {BatchSize}x{BatchConcurrency}, paced run {Rate:0} ev/s, synchronous_commit {sync}, {Customers:N0} customers per run{settings}");
    }
}
