namespace CemOnPrem.Analytics.Projection;

/// <summary>The parts of a logged event the analytics projection needs (no identities, no free text).</summary>
public sealed record AnalyticsEventRow(
    string CustomerId, long Sequence, string Kind, string? Touchpoint, string? OrgUnit, DateTimeOffset OccurredAt, string Scores, string Attributes);
