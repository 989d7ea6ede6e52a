using Orleans.CodeGeneration;

namespace CemOnPrem.Contracts.Cluster;

/// <summary>
/// A reminder canary (key <c>canary-NN</c>): a reminder that records each tick in the control database
/// (<c>reminder_canaries</c>), so operators can see that reminders fire, and on which silo, without waiting for a
/// business reminder (case SLA clocks) to be late. Several canaries spread over the hash ring so every silo's
/// share of the reminders is watched.
/// </summary>
[Alias("cem.reminder-canary")]
[Version(1)]
public interface IReminderCanaryGrain : IGrainWithStringKey
{
    /// <summary>Registers (or re-registers with a new period) the canary's reminder.</summary>
    [Alias("ensure-ticking")]
    Task EnsureTickingAsync(TimeSpan period);
}
