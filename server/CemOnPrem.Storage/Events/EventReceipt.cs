namespace CemOnPrem.Storage.Events;

/// <summary>
/// Proof that an event is committed in its region's log. A replay of the same (source, eventId)
/// returns the original receipt with <see cref="Duplicate"/> set; with different content, also <see cref="Conflict"/>.
/// </summary>
public sealed record EventReceipt(
    string Source,
    string EventId,
    string Region,
    long Sequence,
    string CustomerId,
    DateTimeOffset ReceivedAt,
    bool Duplicate)
{
    /// <summary>
    /// The (source, eventId) was already used for an event with <b>different</b> content: this event was not stored, and
    /// the receipt is the original's (<see cref="Duplicate"/> is set too). Ingest answers it 409.
    /// </summary>
    public bool Conflict { get; init; }
}
