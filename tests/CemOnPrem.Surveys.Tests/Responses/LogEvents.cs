using CemOnPrem.Ingest;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>
/// <see cref="IInternalEvents"/> straight onto the real <see cref="EventLogWriter"/> (the database tests run no silo, so
/// no region writer and no projection wake-ups; the server tests use the real one). <see cref="Down"/> makes appends
/// fail like a crash between the response's commit and its event.
/// </summary>
internal sealed class LogEvents(EventLogWriter writer) : IInternalEvents
{
    private int _appends;

    public bool Down { get; set; }

    public int Appends => Volatile.Read(ref _appends);

    public async Task<EventReceipt> AppendAsync(NewEvent newEvent, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new StoreUnavailableException(newEvent.Region, new InvalidOperationException("simulated crash before the event"));
        }

        Interlocked.Increment(ref _appends);
        var outcome = await writer.AppendAsync(newEvent.Region, [newEvent], cancellationToken);
        return outcome.Receipts[0];
    }
}
