namespace CemOnPrem.Sdk.Metrics;

/// <summary>Selects events: every condition given must hold (an empty filter matches everything).</summary>
public sealed record EventFilter
{
    /// <summary>Event kind (<c>touchpoint</c> or <c>feedback</c>); null for any.</summary>
    public string? Kind { get; init; }

    /// <summary>The event's touchpoint must be one of these; empty for any.</summary>
    public IReadOnlyList<string> Touchpoints { get; init; } = [];

    /// <summary>The event must carry this score key.</summary>
    public string? HasScore { get; init; }

    /// <summary>Attribute values the event must carry (every key must be present with one of its listed values).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
