using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>The region writers' door for the server's own events (<see cref="IInternalEvents"/>).</summary>
internal sealed class InternalEvents(RegionWriters writers) : IInternalEvents
{
    public async Task<EventReceipt> AppendAsync(NewEvent newEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newEvent);
        var pending = writers.TryEnqueue(newEvent.Region, [newEvent])
            ?? throw new StoreUnavailableException(newEvent.Region, new InvalidOperationException("The region's writer queue is full."));
        // The append is not cancelled with the caller: once queued it commits anyway, like an API request cut off mid-way.
        var receipts = await pending.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return receipts[0];
    }
}
