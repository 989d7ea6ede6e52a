namespace CemOnPrem.Delivery;

/// <summary>
/// What an outbox row becomes after an attempt: <c>delivered</c>; <c>dead</c> when the receiver refused for good or the
/// attempts are used up; else <c>pending</c> again after the back-off. The error is cut to what a column keeps.
/// </summary>
public sealed record AttemptOutcome(string State, double DelaySeconds, string? Error)
{
    public const int MaxErrorLength = 500;

    public static AttemptOutcome Of(DeliveryResult result, int attempts, IRetrySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(schedule);
        var dead = !result.Delivered && (result.Permanent || attempts >= schedule.MaxAttempts);
        var state = result.Delivered ? "delivered" : dead ? "dead" : "pending";
        var delay = result.Delivered || dead ? 0 : RetryBackoff.Delay(attempts, schedule).TotalSeconds;
        var error = result.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] : result.Error;
        return new AttemptOutcome(state, delay, error);
    }
}
