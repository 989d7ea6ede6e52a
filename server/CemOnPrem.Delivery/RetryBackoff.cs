namespace CemOnPrem.Delivery;

/// <summary>Exponential back-off with jitter: base × 2^(attempt−1), capped, then up to 20 % off so retries of many rows spread out.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, IRetrySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = Math.Min(schedule.RetryBaseSeconds * Math.Pow(2, exponent), schedule.RetryMaxSeconds);
        // Jitter needs no cryptographic randomness: it only spreads load.
#pragma warning disable CA5394
        var jitter = 1 - (Random.Shared.NextDouble() * 0.2);
#pragma warning restore CA5394
        return TimeSpan.FromSeconds(seconds * jitter);
    }
}
