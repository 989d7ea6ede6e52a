using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench.Analytics;

internal sealed class AnalyticsResults
{
    public MachineFacts? Machine { get; init; }

    public List<AnalyticsRun> Runs { get; } = [];

    /// <summary>p95 of the rollup query at the largest size ÷ at the smallest.</summary>
    public double? GrowthP95 { get; set; }
}

internal sealed class AnalyticsRun
{
    public long Events { get; init; }

    public double SeedSeconds { get; init; }

    public double ProjectSeconds { get; init; }

    public long RollupCells { get; init; }

    public LatencySummary RollupByRegionMs { get; set; } = LatencySummary.Empty;

    public LatencySummary RollupByBranchMs { get; set; } = LatencySummary.Empty;

    public LatencySummary NaiveMs { get; set; } = LatencySummary.Empty;

    public LatencySummary? FreshnessMs { get; set; }
}

/// <summary>Nearest-rank percentiles of a set of samples (milliseconds).</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    public static LatencySummary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }

        var sorted = samples.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
