namespace CemOnPrem.Storage.Events;

/// <summary>
/// Proof that an event is committed in its region's log. A replay of the same (source, eventId)
/// returns the original receipt with <see cref="Duplicate"/> set.
/// </summary>
public sealed record EventReceipt(
    string Source,
    string EventId,
    string Region,
    long Sequence,
    string CustomerId,
    DateTimeOffset ReceivedAt,
    bool Duplicate);
