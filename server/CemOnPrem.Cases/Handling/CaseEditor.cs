using CemOnPrem.Cases.Clocks;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Applies edits to a case in its region database: each in one transaction that locks the row, refuses a stale
/// expected version (412), writes the change with <c>version = version + 1</c> and exactly one history entry.
/// The case grain calls it, so edits of one case are also serialised in the cluster.
/// </summary>
internal sealed partial class CaseEditor(
    RegionDatabases regions, ICaseClocks clocks, CaseText text, IOptions<CaseHandlingOptions> options, TimeProvider time,
    IEnumerable<ICaseClosureHook> closureHooks, ILogger<CaseEditor> logger)
{
    public Task<CaseEditResult> AssignAsync(string region, string caseId, CaseAssignEdit edit, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, edit.ExpectedVersion, edit.Actor, async scope =>
        {
            var row = scope.Row;
            if (CaseStates.IsFinished(row.State))
            {
                return Conflict(row, $"A {row.State} case keeps its assignee; reopen it first to hand it to someone else.");
            }

            if (string.Equals(edit.Assignee, row.Assignee, StringComparison.Ordinal))
            {
                return CaseEditResult.Applied(row.Version); // nothing changes: no write, no history entry, same ETag
            }

            var state = (row.State, edit.Assignee) switch
            {
                (CaseStates.New, not null) => CaseStates.Assigned,
                (CaseStates.Assigned, null) => CaseStates.New,
                _ => row.State,
            };
            return await scope.SaveAsync(row with { Assignee = edit.Assignee, State = state }, clocksChanged: false,
                edit.Assignee is null ? "unassigned" : "assigned", new { assignee = edit.Assignee, previous = row.Assignee, queueUnit = row.QueueUnit },
                personalText: null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<CaseEditResult> AddNoteAsync(string region, string caseId, CaseNoteEdit edit, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, edit.ExpectedVersion, edit.Actor,
            scope => scope.SaveAsync(scope.Row, clocksChanged: false, "note", new { length = edit.Text.Length }, edit.Text, cancellationToken),
            cancellationToken);

    public Task<CaseEditResult> SetRootCauseAsync(string region, string caseId, CaseRootCauseEdit edit, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, edit.ExpectedVersion, edit.Actor, async scope =>
        {
            var encrypted = edit.Text is null
                ? null
                : await scope.EncryptAsync(CaseText.RootCauseBinding(caseId), edit.Text, cancellationToken).ConfigureAwait(false);
            return await scope.SaveAsync(scope.Row with { RootCauseCode = edit.Code, RootCauseText = encrypted }, clocksChanged: false, "root-cause",
                new { code = edit.Code, previous = scope.Row.RootCauseCode, hasText = edit.Text is not null }, personalText: null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<CaseEditResult> EditAsync(string region, string caseId, int expectedVersion, string actor,
        Func<CaseEditScope, Task<CaseEditResult>> apply, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await CaseRows.FindAsync(connection, transaction, caseId, forUpdate: true, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return CaseEditResult.Missing();
        }

        if (row.Version != expectedVersion)
        {
            return CaseEditResult.Stale(row.Version);
        }

        var result = await apply(new CaseEditScope(connection, transaction, row, expectedVersion, time.GetUtcNow(), text) { Actor = actor })
            .ConfigureAwait(false);
        if (result.Status == CaseEditStatus.Applied && result.Version != row.Version)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static CaseEditResult Conflict(CaseRow row, string detail, IReadOnlyList<string>? allowed = null) =>
        new(CaseEditStatus.Conflict, row.Version, detail, allowed ?? CaseStateMachine.AllowedFrom(row.State));
}
