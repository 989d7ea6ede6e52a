using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Rules;

/// <summary>
/// What fires a case rule. Exactly one of: an event (<see cref="Event"/>, optionally with a
/// <see cref="Score"/> test), a journey stalled in a stage (<see cref="StalledJourney"/>), or a metric
/// crossing a threshold (<see cref="Metric"/>).
/// </summary>
public sealed record RuleTrigger
{
    /// <summary>Fire on events matching this filter.</summary>
    public EventFilter? Event { get; init; }

    /// <summary>With <see cref="Event"/>: the event must also pass this score test.</summary>
    public ScoreTest? Score { get; init; }

    /// <summary>Fire when a journey stays in a stage beyond the stage's SLA (or abandon-after).</summary>
    public StalledJourney? StalledJourney { get; init; }

    /// <summary>Fire when a metric for an org unit crosses a threshold.</summary>
    public MetricThreshold? Metric { get; init; }
}

/// <summary>A test on one score of an event, e.g. NPS ≤ 6 (a detractor).</summary>
public sealed record ScoreTest
{
    /// <summary>The score key.</summary>
    public required string Key { get; init; }

    /// <summary>The comparison.</summary>
    public required Surveys.ComparisonOperator Operator { get; init; }

    /// <summary>The threshold.</summary>
    public required double Value { get; init; }
}

/// <summary>A journey stalled in a stage.</summary>
public sealed record StalledJourney
{
    /// <summary>The journey template id.</summary>
    public required string Journey { get; init; }

    /// <summary>The stage id.</summary>
    public required string Stage { get; init; }
}

/// <summary>A metric of an org unit crossing a threshold over a rolling window.</summary>
public sealed record MetricThreshold
{
    /// <summary>The metric id.</summary>
    public required string Metric { get; init; }

    /// <summary>The comparison with <see cref="Value"/>.</summary>
    public required Surveys.ComparisonOperator Operator { get; init; }

    /// <summary>The threshold.</summary>
    public required double Value { get; init; }

    /// <summary>The rolling window, an ISO 8601 duration (e.g. <c>P7D</c>).</summary>
    public required string Window { get; init; }

    /// <summary>Do not fire below this many observations (default 20).</summary>
    public int MinimumSample { get; init; } = 20;
}
