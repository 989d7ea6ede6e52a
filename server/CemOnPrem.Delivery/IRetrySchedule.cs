namespace CemOnPrem.Delivery;

/// <summary>How an outbox retries: each module's options (e.g. <c>Cem:Cases:Notifications</c>) provide these settings.</summary>
public interface IRetrySchedule
{
    /// <summary>Attempts before a delivery is dead (visible in the module's dead-letter API).</summary>
    int MaxAttempts { get; }

    /// <summary>The first retry's delay; each further one doubles, with up to 20 % jitter, capped at <see cref="RetryMaxSeconds"/>.</summary>
    double RetryBaseSeconds { get; }

    double RetryMaxSeconds { get; }
}
