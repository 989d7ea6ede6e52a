namespace CemOnPrem.Contracts.Customers;

/// <summary>One event as shown on a customer's timeline.</summary>
[GenerateSerializer, Immutable, Alias("cem.timeline-entry")]
public sealed record TimelineEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Source,
    [property: Id(2)] string EventId,
    [property: Id(3)] string Kind,
    [property: Id(4)] string? Touchpoint,
    [property: Id(5)] string? OrgUnit,
    [property: Id(6)] DateTimeOffset OccurredAt,
    [property: Id(7)] IReadOnlyDictionary<string, double> Scores,
    [property: Id(8)] IReadOnlyDictionary<string, string> Attributes,
    [property: Id(9)] string? Text);

/// <summary>Position after which the next timeline page starts (timeline order: occurredAt, then sequence, descending).</summary>
[GenerateSerializer, Immutable, Alias("cem.timeline-cursor")]
public sealed record TimelineCursor([property: Id(0)] DateTimeOffset OccurredAt, [property: Id(1)] long Sequence);

[GenerateSerializer, Immutable, Alias("cem.timeline-page")]
public sealed record TimelinePage(
    [property: Id(0)] IReadOnlyList<TimelineEntry> Items,
    [property: Id(1)] TimelineCursor? Next);
