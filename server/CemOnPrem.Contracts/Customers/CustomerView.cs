namespace CemOnPrem.Contracts.Customers;

[GenerateSerializer, Immutable, Alias("cem.customer-view")]
public sealed record CustomerView(
    [property: Id(0)] string Region,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? MergedInto,
    [property: Id(3)] IReadOnlyList<CustomerIdentity> Identities,
    [property: Id(4)] long EventCount,
    [property: Id(5)] DateTimeOffset? FirstEventAt,
    [property: Id(6)] DateTimeOffset? LastEventAt,
    [property: Id(7)] IReadOnlyList<LatestScore> LatestScores,
    [property: Id(8)] IReadOnlyList<TimelineEntry> RecentEvents);

[GenerateSerializer, Immutable, Alias("cem.customer-identity")]
public sealed record CustomerIdentity([property: Id(0)] string Type, [property: Id(1)] string Value);

[GenerateSerializer, Immutable, Alias("cem.latest-score")]
public sealed record LatestScore(
    [property: Id(0)] string Key,
    [property: Id(1)] double Value,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string? Touchpoint,
    [property: Id(4)] long Sequence);
