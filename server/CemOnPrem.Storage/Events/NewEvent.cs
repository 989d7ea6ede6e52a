using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Storage.Events;

/// <summary>A validated event on its way into a region's event log. Identity values are normalised.</summary>
public sealed record NewEvent(
    string Source,
    string EventId,
    string Region,
    string Kind,
    string? Touchpoint,
    string? OrgUnit,
    DateTimeOffset OccurredAt,
    IReadOnlyList<CustomerIdentity> Identities,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, double> Scores,
    string? Text);
