namespace CemOnPrem.Sdk.Engine.Metrics;

/// <summary>
/// The formulas, on sufficient statistics so rollups (sums per bucket) and recomputes give the same
/// numbers. Percentages are 0–100; NPS is −100..100.
/// </summary>
public static class MetricFormulas
{
    private const double Z95 = 1.959963984540054;

    public static bool IsPromoter(double score) => score >= 9;

    public static bool IsDetractor(double score) => score <= 6;

    public static bool IsTopTwoBox(double csat) => csat >= 4;

    /// <summary>NPS with a normal-approximation 95 % interval (variance of the promoter-minus-detractor indicator).</summary>
    public static (double? Value, double? Low, double? High) Nps(long promoters, long detractors, long n)
    {
        if (n == 0)
        {
            return (null, null, null);
        }

        double p = (double)promoters / n, d = (double)detractors / n;
        var nps = (p - d) * 100;
        var variance = (p + d - ((p - d) * (p - d))) / n;
        var margin = Z95 * Math.Sqrt(variance) * 100;
        return (nps, Math.Max(-100, nps - margin), Math.Min(100, nps + margin));
    }

    /// <summary>A share in % with a Wilson 95 % interval (well-behaved for small n and shares near 0 or 100).</summary>
    public static (double? Value, double? Low, double? High) Share(long hits, long n)
    {
        if (n == 0)
        {
            return (null, null, null);
        }

        var p = (double)hits / n;
        var z2 = Z95 * Z95;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var margin = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return (p * 100, Math.Max(0, centre - margin) * 100, Math.Min(1, centre + margin) * 100);
    }

    public static double? Mean(double sum, long n) => n == 0 ? null : sum / n;

    /// <summary>Nearest-rank percentile (deterministic, an observed value).</summary>
    public static double? Percentile(IReadOnlyList<double> values, int percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
