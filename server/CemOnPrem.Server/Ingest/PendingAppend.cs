using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Ingest;

/// <summary>
/// One request's events waiting for the region writer; completes after their transaction commits. When it carries an
/// <see cref="Audit"/> entry, the writer records it with its group (<see cref="IngestAuditGroups"/>) and
/// <see cref="AuditRecorded"/> completes when that record is committed.
/// </summary>
internal sealed class PendingAppend(IReadOnlyList<NewEvent> events, AuditEntry? audit = null)
{
    private readonly TaskCompletionSource<IReadOnlyList<EventReceipt>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<NewEvent> Events { get; } = events;

    public AuditEntry? Audit { get; } = audit;

    public Task<IReadOnlyList<EventReceipt>> Completion => _done.Task;

    public Task AuditRecorded => Audit is null ? Task.CompletedTask : _recorded.Task;

    public void Complete(IReadOnlyList<EventReceipt> receipts) => _done.TrySetResult(receipts);

    public void Fail(Exception exception) => _done.TrySetException(exception);

    public void Recorded(Exception? failure)
    {
        if (failure is null)
        {
            _recorded.TrySetResult();
        }
        else
        {
            _recorded.TrySetException(failure);
        }
    }
}
