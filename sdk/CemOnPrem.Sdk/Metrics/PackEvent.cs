namespace CemOnPrem.Sdk.Metrics;

/// <summary>
/// What pack code sees of an experience event: no identities and no free text, only the facts a metric or
/// rule needs. <see cref="CustomerKey"/> is a pseudonym, stable per customer within one calculation.
/// </summary>
public sealed record PackEvent
{
    /// <summary>Pseudonymous customer key.</summary>
    public required string CustomerKey { get; init; }

    /// <summary><c>touchpoint</c> or <c>feedback</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The touchpoint code, if any.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>The org unit code, if any.</summary>
    public string? OrgUnit { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Scores by key.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Attributes by key.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
