namespace CemOnPrem.Sdk.Journeys;

/// <summary>
/// A customer journey a pack maps: ordered stages, the touchpoints that move a customer through them,
/// and how a journey ends (completion or abandonment).
/// </summary>
public sealed record JourneyTemplate
{
    /// <summary>Unique within the pack (a code: lower-case, digits, '-', '_', '.').</summary>
    public required string Id { get; init; }

    /// <summary>Display name per language (<c>en</c>, <c>zh</c>, ...).</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }

    /// <summary>Channels the journey runs through, e.g. <c>branch</c>, <c>online</c>, <c>app</c>, <c>dealer</c>.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Stages in order. A customer enters the first stage on an entry touchpoint.</summary>
    public required IReadOnlyList<JourneyStage> Stages { get; init; }

    /// <summary>Touchpoints that start a journey (they must belong to the first stage).</summary>
    public required IReadOnlyList<string> EntryTouchpoints { get; init; }

    /// <summary>Touchpoints that complete the journey (they must belong to the last stage).</summary>
    public required IReadOnlyList<string> CompletionTouchpoints { get; init; }

    /// <summary>Touchpoints that end the journey as abandoned (withdrawal, cancellation); may be empty.</summary>
    public IReadOnlyList<string> AbandonmentTouchpoints { get; init; } = [];

    /// <summary>
    /// Whether a customer may run several journeys of this template at once (e.g. claims) or one at a time
    /// (e.g. account opening: an entry touchpoint during a running journey continues it).
    /// </summary>
    public bool AllowConcurrentInstances { get; init; }
}
