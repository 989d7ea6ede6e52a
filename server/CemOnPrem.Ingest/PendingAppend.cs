using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>One request's events waiting for the region writer; completes after their transaction commits.</summary>
internal sealed class PendingAppend(IReadOnlyList<NewEvent> events)
{
    private readonly TaskCompletionSource<IReadOnlyList<EventReceipt>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<NewEvent> Events { get; } = events;

    public Task<IReadOnlyList<EventReceipt>> Completion => _done.Task;

    public void Complete(IReadOnlyList<EventReceipt> receipts) => _done.TrySetResult(receipts);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
