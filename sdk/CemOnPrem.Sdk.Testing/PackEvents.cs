using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Testing;

/// <summary>Shorthands for building events in pack tests.</summary>
public static class PackEvents
{
    public static PackEvent Touchpoint(string customer, string touchpoint, DateTimeOffset at, string? orgUnit = null, IReadOnlyDictionary<string, string>? attributes = null) => new()
    {
        CustomerKey = customer,
        Kind = EventKinds.Touchpoint,
        Touchpoint = touchpoint,
        OrgUnit = orgUnit,
        OccurredAt = at,
        Attributes = attributes ?? new Dictionary<string, string>(),
    };

    public static PackEvent Feedback(
        string customer, string? touchpoint, DateTimeOffset at, IReadOnlyDictionary<string, double> scores, string? orgUnit = null,
        IReadOnlyDictionary<string, string>? attributes = null) => new()
    {
        CustomerKey = customer,
        Kind = EventKinds.Feedback,
        Touchpoint = touchpoint,
        OrgUnit = orgUnit,
        OccurredAt = at,
        Scores = scores,
        Attributes = attributes ?? new Dictionary<string, string>(),
    };
}
