namespace CemOnPrem.Analytics.Rollups;

/// <summary>
/// The additive content of one rollup cell. <see cref="N"/> counts contributions (zero means the cell is empty);
/// A/B are metric-specific counters (promoters/detractors, top-2-box, hits, completed/dropped); S1/S2 exact decimal
/// sums (score and squared score, seconds, numerator/denominator); <see cref="Hist"/> a duration histogram.
/// Decimal sums keep "incremental = recompute" exact: adding and later retracting a value leaves no rounding residue.
/// </summary>
public sealed class RollupValues
{
    public long N { get; set; }

    public long A { get; set; }

    public long B { get; set; }

    public decimal S1 { get; set; }

    public decimal S2 { get; set; }

    public long[] Hist { get; set; } = [];

    public bool IsEmpty => N == 0 && A == 0 && B == 0 && S1 == 0 && S2 == 0 && Hist.Length == 0;

    public void AddToBucket(int bucket, long count = 1)
    {
        if (bucket >= Hist.Length)
        {
            var grown = new long[bucket + 1];
            Hist.CopyTo(grown, 0);
            Hist = grown;
        }

        Hist[bucket] += count;
        Hist = Trim(Hist);
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> (+1 to add, -1 to retract).</summary>
    public void Add(RollupValues other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        N += sign * other.N;
        A += sign * other.A;
        B += sign * other.B;
        S1 += sign * other.S1;
        S2 += sign * other.S2;
        if (other.Hist.Length > Hist.Length)
        {
            var grown = new long[other.Hist.Length];
            Hist.CopyTo(grown, 0);
            Hist = grown;
        }

        for (var i = 0; i < other.Hist.Length; i++)
        {
            Hist[i] += sign * other.Hist[i];
        }

        Hist = Trim(Hist);
    }

    public RollupValues Clone() => new() { N = N, A = A, B = B, S1 = S1, S2 = S2, Hist = [.. Hist] };

    public bool SameAs(RollupValues other) =>
        other is not null && N == other.N && A == other.A && B == other.B && S1 == other.S1 && S2 == other.S2 && Hist.AsSpan().SequenceEqual(other.Hist);

    private static long[] Trim(long[] hist)
    {
        var length = hist.Length;
        while (length > 0 && hist[length - 1] == 0)
        {
            length--;
        }

        return length == hist.Length ? hist : hist[..length];
    }
}
