using System.Globalization;
using System.Text.Json;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Contracts.Cases;

namespace CemOnPrem.Cases.Handling;

/// <summary>State moves: the table (<see cref="CaseStateMachine"/>), the reopen window, first response and the clocks.</summary>
internal sealed partial class CaseEditor
{
    public async Task<CaseEditResult> TransitionAsync(string region, string caseId, CaseTransitionEdit edit, CancellationToken cancellationToken)
    {
        CaseRow? closed = null;
        var result = await EditAsync(region, caseId, edit.ExpectedVersion, edit.Actor, async scope =>
        {
            var row = scope.Row;
            var (from, to) = (row.State, edit.To);
            if (!CaseStateMachine.IsAllowed(from, to))
            {
                return Conflict(row, $"A case in state '{from}' cannot move to '{to}'" +
                    (to is CaseStates.Assigned or CaseStates.New ? " here; assignment (POST …/assign) moves it between new and assigned." : "."));
            }

            var reopen = CaseStateMachine.IsReopen(from, to);
            var days = options.Value.ReopenDays;
            if (reopen && !CaseStateMachine.MayReopen(row.ResolvedAt ?? scope.Now, scope.Now, days))
            {
                var until = (row.ResolvedAt ?? scope.Now).AddDays(days).ToString("O", CultureInfo.InvariantCulture);
                return Conflict(row, $"The case can no longer be reopened: the reopen period (Cem:Cases:ReopenDays, {days} days after resolution) ended at {until}. Open a new case instead.",
                    [.. CaseStateMachine.AllowedFrom(from).Where(state => !CaseStateMachine.IsReopen(from, state))]);
            }

            if (to == CaseStates.Resolved && edit.Resolution is null)
            {
                return CaseEditResult.Invalid("resolution", "is required to resolve a case: the contact made with the customer (channel, at, outcome).", row.Version);
            }

            var (changed, clocksChanged, resumed) = await MoveAsync(row, edit, reopen, scope.Now, cancellationToken).ConfigureAwait(false);
            var detail = new
            {
                assignee = changed.Assignee != row.Assignee ? changed.Assignee : null,
                clocksPaused = changed.PausedAt is not null && row.PausedAt is null,
                clocksResumed = resumed,
                channel = edit.Resolution?.Channel,
                outcome = edit.Resolution?.Outcome,
            };
            var saved = await scope.SaveAsync(changed, clocksChanged, reopen ? "reopened" : to, detail, edit.Resolution?.Summary, cancellationToken).ConfigureAwait(false);
            closed = to == CaseStates.Closed ? changed : null;
            return saved;
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == CaseEditStatus.Applied && closed is not null)
        {
            await NotifyClosedAsync(closed, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<(CaseRow Changed, bool ClocksChanged, bool Resumed)> MoveAsync(CaseRow row, CaseTransitionEdit edit, bool reopen, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var changed = row with
        {
            State = edit.To,
            FirstResponseAt = row.FirstResponseAt ?? (CaseStateMachine.IsFirstResponse(row.State, edit.To) ? now : null),
            // Taking a case from the queue makes the person who starts work its assignee.
            Assignee = row.State == CaseStates.New && row.Assignee is null ? edit.Actor : row.Assignee,
        };
        var clocksChanged = false;
        var resumed = false;
        if (row.State == CaseStates.AwaitingCustomer && row.PausedAt is { } pausedAt)
        {
            changed = await ResumeAsync(changed, pausedAt, now, cancellationToken).ConfigureAwait(false);
            clocksChanged = resumed = true;
        }

        if (edit.To == CaseStates.AwaitingCustomer && row.HasPausableClock)
        {
            changed = changed with { PausedAt = now };
            clocksChanged = true;
        }

        if (edit.To == CaseStates.Resolved)
        {
            var r = edit.Resolution!;
            changed = changed with { ResolvedAt = now, Resolution = JsonSerializer.Serialize(new { channel = r.Channel, at = r.At, outcome = r.Outcome }) };
            clocksChanged = true;
        }
        else if (edit.To == CaseStates.Closed)
        {
            changed = changed with { ClosedAt = now };
            clocksChanged = true;
        }
        else if (reopen)
        {
            // Due instants stay: time spent resolved counts, a reopened case is one that was not resolved in time.
            changed = changed with { ResolvedAt = null, ClosedAt = null, Resolution = null, ReopenedCount = row.ReopenedCount + 1 };
            clocksChanged = true;
        }

        return (changed, clocksChanged, resumed);
    }

    /// <summary>Moves each pausable clock by the business time the pause took (the calendar decides what counts).</summary>
    private async Task<CaseRow> ResumeAsync(CaseRow row, DateTimeOffset pausedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.SlaPausable)
        {
            var sla = await clocks.ResumeAsync(row.Region, new CaseClock("sla", CaseClockUnits.FromCode(row.SlaUnit), row.SlaDueAt, row.SlaWarnAt, true),
                pausedAt, now, cancellationToken).ConfigureAwait(false);
            row = row with { SlaDueAt = sla.DueAt, SlaWarnAt = sla.WarnAt };
        }

        if (row.RegPausable && row is { RegDueAt: { } due, RegWarnAt: { } warn, RegUnit: { } unit })
        {
            var reg = await clocks.ResumeAsync(row.Region, new CaseClock(row.RegName ?? "regulatory", CaseClockUnits.FromCode(unit), due, warn, true),
                pausedAt, now, cancellationToken).ConfigureAwait(false);
            row = row with { RegDueAt = reg.DueAt, RegWarnAt = reg.WarnAt };
        }

        return row with { PausedAt = null };
    }
}
