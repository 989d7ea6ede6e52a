using CemOnPrem.Contracts.Cluster;
using CemOnPrem.Storage.Reminders;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace CemOnPrem.Grains.Cluster;

/// <summary>
/// Records every tick of its reminder in <c>reminder_canaries</c>. It lives for one call only and is placed on the
/// calling silo, which for a tick is the silo owning the reminder's share of the ring: so <c>last_silo</c> shows
/// which silo fires it (one short activation per tick is cheap at one tick a minute).
/// </summary>
// The grain type is part of every stored reminder's grain id: pinned, so renaming the class cannot orphan them.
[GrainType("reminder-canary")]
[PreferLocalPlacement]
public sealed partial class ReminderCanaryGrain(ReminderCanaryStore store, ReminderCanarySettings settings, ILogger<ReminderCanaryGrain> logger)
    : Grain, IReminderCanaryGrain, IRemindable
{
    public async Task EnsureTickingAsync(TimeSpan period)
    {
        await this.RegisterOrUpdateReminder(ReminderCanarySettings.ReminderName, period, period).ConfigureAwait(true);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var key = this.GetPrimaryKeyString();
        if (!settings.IsConfigured(key))
        {
            // Fewer canaries configured than before: this one retires.
            if (await this.GetReminder(reminderName).ConfigureAwait(true) is { } reminder)
            {
                await this.UnregisterReminder(reminder).ConfigureAwait(true);
            }

            await store.ForgetAsync(key, CancellationToken.None).ConfigureAwait(true);
            LogRetired(logger, key);
            DeactivateOnIdle();
            return;
        }

        await store.RecordTickAsync(key, RuntimeIdentity, CancellationToken.None).ConfigureAwait(true);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder canary {Canary} retired (beyond Cem:Cluster:ReminderCanaries)")]
    private static partial void LogRetired(ILogger logger, string canary);
}
