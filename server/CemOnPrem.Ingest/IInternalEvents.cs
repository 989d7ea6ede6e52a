using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>
/// Appends events the server makes itself (a finished survey response, …) through the same region writers as
/// <c>/api/v1/events</c>: the same group commit and the same projection wake-ups, so metrics, journeys and rules see
/// them like any ingested event. The event is validated by its maker, not by the API's validator; an event id already
/// in the log is a no-op (its stored receipt is returned), so a maker may append the same event again after a crash.
/// </summary>
public interface IInternalEvents
{
    /// <summary>Returns once the event is committed.</summary>
    /// <exception cref="StoreUnavailableException">The region's database or its writer queue cannot take it now; retry later.</exception>
    Task<EventReceipt> AppendAsync(NewEvent newEvent, CancellationToken cancellationToken);
}
