using System.Text.Json;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Storage.Databases;

namespace CemOnPrem.Cases.Handling;

/// <summary>Reads one case with its clocks (business time left by the region's calendar) and history.</summary>
internal sealed class CaseReader(RegionDatabases regions, ICaseClocks clocks, CaseText text, TimeProvider time)
{
    public async Task<CaseView?> GetAsync(string region, string caseId, bool withPersonalText, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await CaseRows.FindAsync(connection, null, caseId, forUpdate: false, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var history = await CaseRows.HistoryAsync(connection, caseId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string?> plain = [];
        if (withPersonalText)
        {
            var texts = history.Select(h => (h.Text, CaseText.HistoryBinding(caseId, h.EntryId))).Append((row.RootCauseText, CaseText.RootCauseBinding(caseId))).ToList();
            plain = await text.DecryptAsync(connection, region, caseId, row.CustomerId, texts, cancellationToken).ConfigureAwait(false);
        }

        return new CaseView
        {
            Region = row.Region, CaseId = row.CaseId, Origin = row.Origin, PackId = row.PackId, RuleId = row.RuleId, CaseType = row.CaseType,
            CustomerId = row.CustomerId, OrgUnit = row.OrgUnit, QueueUnit = row.QueueUnit, RouteReason = row.RouteReason, Priority = row.Priority,
            State = row.State, Assignee = row.Assignee, TriggerEvents = row.TriggerEvents, OpenedAt = row.OpenedAt, OpenedBy = row.OpenedBy,
            FirstResponseAt = row.FirstResponseAt, ResolvedAt = row.ResolvedAt, ClosedAt = row.ClosedAt, ReopenedCount = row.ReopenedCount,
            RootCauseCode = row.RootCauseCode, RootCauseText = withPersonalText ? plain[^1] : null,
            Resolution = Resolution(row, history, withPersonalText ? plain : null),
            Clocks = await ClocksAsync(row, cancellationToken).ConfigureAwait(false),
            PausedAt = row.PausedAt, EscalationLevel = row.EscalationLevel, Version = row.Version, UpdatedAt = row.UpdatedAt,
            History = [.. history.Select((h, i) => new CaseHistoryView(h.EntryId, h.At, h.Actor, h.Action, h.FromState, h.ToState, h.Detail,
                withPersonalText ? plain[i] : null))],
            AllowedTransitions = CaseStateMachine.AllowedFrom(row.State),
        };
    }

    private async Task<IReadOnlyList<CaseClockView>> ClocksAsync(CaseRow row, CancellationToken cancellationToken)
    {
        var result = new List<CaseClockView> { await ClockAsync(row, "sla", "sla", row.SlaUnit, row.SlaDueAt, row.SlaWarnAt, row.SlaPausable, cancellationToken).ConfigureAwait(false) };
        if (row is { RegDueAt: { } due, RegWarnAt: { } warn, RegUnit: { } unit })
        {
            result.Add(await ClockAsync(row, "regulatory", row.RegName ?? "regulatory", unit, due, warn, row.RegPausable, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>A stopped clock (finished case, or paused) counts the time left at the moment it stopped.</summary>
    private async Task<CaseClockView> ClockAsync(CaseRow row, string kind, string name, string unit, DateTimeOffset due, DateTimeOffset warn, bool pausable,
        CancellationToken cancellationToken)
    {
        var paused = pausable && row.PausedAt is not null;
        var stoppedAt = CaseStates.IsFinished(row.State) ? row.ResolvedAt ?? row.ClosedAt : paused ? row.PausedAt : null;
        var left = await clocks.RemainingAsync(row.Region, CaseClockUnits.FromCode(unit), stoppedAt ?? time.GetUtcNow(), due, cancellationToken).ConfigureAwait(false);
        return new CaseClockView(kind, name, unit, due, warn, pausable, stoppedAt is null, Math.Round(left.Amount, 2), left.Calendar);
    }

    /// <summary>The resolution's codes from the row; its summary from the <c>resolved</c> entry that carried it.</summary>
    private static CaseResolution? Resolution(CaseRow row, IReadOnlyList<CaseHistoryRow> history, IReadOnlyList<string?>? plain)
    {
        if (row.Resolution is not { } json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var last = history.Select((h, i) => (h, i)).LastOrDefault(p => p.h.Action == CaseStates.Resolved);
        var summary = plain is not null && last.h is not null ? plain[last.i] : null;
        return new CaseResolution(root.GetProperty("channel").GetString()!, root.GetProperty("at").GetDateTimeOffset(), root.GetProperty("outcome").GetString()!, summary);
    }
}
