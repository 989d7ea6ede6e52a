namespace CemOnPrem.Analytics.Derivation;

/// <summary>
/// Log-spaced duration buckets (10 % wide) so that percentiles can be summed across days and org units: bucket 0
/// holds durations under one second, bucket i ≥ 1 holds [1.1^(i−1), 1.1^i) seconds. A percentile read back from
/// the buckets is the bucket's geometric middle, within ±5 % of the exact value.
/// </summary>
public static class DurationBuckets
{
    public const int Last = 400; // 1.1^400 s is far beyond any journey

    private static readonly double Width = Math.Log(1.1);

    public static int Of(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        return seconds < 1 ? 0 : Math.Min(Last, 1 + (int)Math.Floor(Math.Log(seconds) / Width));
    }

    /// <returns>The representative duration of a bucket.</returns>
    public static TimeSpan Middle(int bucket) =>
        bucket <= 0 ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(Math.Exp((bucket - 0.5) * Width));

    /// <returns>The <paramref name="percentile"/>-th percentile (nearest rank) of the durations counted in <paramref name="hist"/>.</returns>
    public static TimeSpan? Percentile(IReadOnlyList<long> hist, int percentile)
    {
        ArgumentNullException.ThrowIfNull(hist);
        var total = hist.Sum();
        if (total <= 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < hist.Count; i++)
        {
            seen += hist[i];
            if (seen >= rank)
            {
                return Middle(i);
            }
        }

        return Middle(hist.Count - 1);
    }
}
