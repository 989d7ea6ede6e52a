namespace CemOnPrem.Bench.Load;

/// <summary>
/// A small HdrHistogram-like recorder: microsecond values in log-linear buckets (128 sub-buckets per
/// power of two, so a reported percentile is within 1 % of the true value). Lock-free recording.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxMagnitude = 40 - SubBucketBits - 1;

    // Magnitude m holds values with (m + 8) significant bits at indexes [(m + 1) * 128, (m + 2) * 128); m = 0 holds 0..255 exactly.
    private readonly long[] _counts = new long[(MaxMagnitude + 2) * SubBuckets];
    private long _count;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void RecordElapsed(long startTimestamp) =>
        Record((long)(System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds));

    /// <returns>The value (ms) at <paramref name="percentile"/> (0–100), or 0 when empty.</returns>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBoundOf(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }

        return MaxMs;
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Add(ref _counts[i], Interlocked.Read(ref other._counts[i]));
        }

        Interlocked.Add(ref _count, other.Count);
        var otherMax = Interlocked.Read(ref other._max);
        if (otherMax > Interlocked.Read(ref _max))
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
    }

    private static int IndexOf(long value)
    {
        var magnitude = Math.Min(MaxMagnitude, Math.Max(0, 64 - (int)long.LeadingZeroCount(value) - (SubBucketBits + 1)));
        var sub = Math.Min(value >> magnitude, (2 * SubBuckets) - 1);
        return (magnitude * SubBuckets) + (int)sub;
    }

    private static long UpperBoundOf(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var magnitude = (index / SubBuckets) - 1;
        var sub = index - (magnitude * SubBuckets);
        return ((long)(sub + 1) << magnitude) - 1;
    }
}
