namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>Acknowledgements per second over the load's time axis (for the figures in docs/performance.md, never asserted).</summary>
internal static class Throughput
{
    private const double WindowMs = 1000;
    private const double StepMs = 100;

    public static double PerSecond(IReadOnlyCollection<Ack> acks, double fromMs, double toMs) =>
        toMs <= fromMs ? 0 : acks.Count(ack => ack.AtMs >= fromMs && ack.AtMs < toMs) * 1000 / (toMs - fromMs);

    /// <returns>
    /// Milliseconds after <paramref name="fromMs"/> at which a one-second window first reaches
    /// <paramref name="fraction"/> of <paramref name="baseline"/>, or null if none does before <paramref name="endMs"/>.
    /// </returns>
    public static double? BackTo(IReadOnlyCollection<Ack> acks, double baseline, double fraction, double fromMs, double endMs)
    {
        for (var start = fromMs; start + WindowMs <= endMs; start += StepMs)
        {
            if (PerSecond(acks, start, start + WindowMs) >= fraction * baseline)
            {
                return start + WindowMs - fromMs;
            }
        }

        return null;
    }
}
