using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Residency;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace CemOnPrem.Cases.Escalation;

/// <summary>
/// Holds one reminder per case, due at the next pending instant of its clocks (see <see cref="ICaseClockGrain"/>).
/// Holds no state: each call reads the case row and the grain deactivates when idle, so a tick activates it on the
/// silo whose reminder service fired (preferring the local silo within the case's region), which is what
/// <c>case_clock_events.fired_by</c> shows.
/// </summary>
// The grain type is part of every stored reminder's grain id: pinned, so renaming the class cannot orphan them.
[GrainType("case-clock")]
[RegionPlacementFilter]
[PreferLocalPlacement]
public sealed partial class CaseClockGrain(CaseClockStore store, CaseClockFiring firing, IOptions<EscalationOptions> options, TimeProvider time,
    ILogger<CaseClockGrain> logger) : Grain, ICaseClockGrain, IRemindable
{
    public const string ReminderName = "case-clocks";

    /// <summary>A reminder due now or earlier fires after this, never at once: a tick that came a few milliseconds early re-arms this far ahead.</summary>
    private static readonly TimeSpan MinimumDue = TimeSpan.FromSeconds(1);

    public async Task<CaseClockArming> ArmAsync(int version)
    {
        var (region, caseId) = RegionalKey.Split(this.GetPrimaryKeyString());
        var state = await store.ReadAsync(region, caseId, CancellationToken.None).ConfigureAwait(true);
        if (state is null)
        {
            await DisarmAsync().ConfigureAwait(true);
            DeactivateOnIdle();
            return new CaseClockArming(0, null);
        }

        var next = await ArmForAsync(state).ConfigureAwait(true);
        await store.RecordArmedAsync(region, caseId, state.ClocksVersion, CancellationToken.None).ConfigureAwait(true);
        DeactivateOnIdle();
        return new CaseClockArming(state.ClocksVersion, next);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var (region, caseId) = RegionalKey.Split(this.GetPrimaryKeyString());
        var state = await firing.FireAsync(region, caseId, RuntimeIdentity, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        if (state is null)
        {
            // The case is gone (erased): nothing will ever be due.
            await DisarmAsync().ConfigureAwait(true);
        }
        else
        {
            await ArmForAsync(state).ConfigureAwait(true);
        }

        DeactivateOnIdle();
    }

    /// <returns>When the reminder fires next, or null when it was removed.</returns>
    private async Task<DateTimeOffset?> ArmForAsync(CaseClockState state)
    {
        if (CaseClockThresholds.Next(state) is not { } next)
        {
            await DisarmAsync().ConfigureAwait(true);
            return null;
        }

        var now = time.GetUtcNow();
        var due = next - now < MinimumDue ? MinimumDue : next - now;
        var period = TimeSpan.FromSeconds(options.Value.RetryPeriodSeconds);
        await this.RegisterOrUpdateReminder(ReminderName, due, period).ConfigureAwait(true);
        LogArmed(logger, state.CaseId, state.ClocksVersion, now + due);
        return now + due;
    }

    private async Task DisarmAsync()
    {
        if (await this.GetReminder(ReminderName).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId}: clocks version {Version} armed, next tick at {NextAt}")]
    private static partial void LogArmed(ILogger logger, string caseId, int version, DateTimeOffset nextAt);
}
