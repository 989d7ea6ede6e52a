namespace CemOnPrem.Sdk.Metrics;

/// <summary>A metric a pack defines; the engine rolls it up per org unit, journey, stage or touchpoint and day.</summary>
public sealed record MetricDefinition
{
    /// <summary>Unique within the deployment once prefixed by the pack; a code.</summary>
    public required string Id { get; init; }

    /// <summary>Display name per language.</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }

    /// <summary>How the metric is computed.</summary>
    public required MetricKind Kind { get; init; }

    /// <summary>For NPS, CSAT and CES: the score key in events (defaults to <c>nps</c>, <c>csat</c>, <c>ces</c>).</summary>
    public string? ScoreKey { get; init; }

    /// <summary>Which events count (for NPS/CSAT/CES: which feedback; for a rate: the population when <see cref="Denominator"/> is null).</summary>
    public EventFilter? Filter { get; init; }

    /// <summary>For <see cref="MetricKind.Rate"/>: events counted as successes.</summary>
    public EventFilter? Numerator { get; init; }

    /// <summary>For <see cref="MetricKind.Rate"/>: events counted as attempts.</summary>
    public EventFilter? Denominator { get; init; }

    /// <summary>For <see cref="MetricKind.DurationPercentile"/>: the touchpoint the clock starts at.</summary>
    public string? FromTouchpoint { get; init; }

    /// <summary>For <see cref="MetricKind.DurationPercentile"/>: the touchpoint the clock stops at.</summary>
    public string? ToTouchpoint { get; init; }

    /// <summary>For <see cref="MetricKind.DurationPercentile"/>: the percentile, 1–99 (default 50).</summary>
    public int? Percentile { get; init; }

    /// <summary>Whether higher values are better (drives colours and alert directions).</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>Unit shown next to values, e.g. <c>%</c>, <c>h</c>, <c>points</c>.</summary>
    public string? Unit { get; init; }
}
