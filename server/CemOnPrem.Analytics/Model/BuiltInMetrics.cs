using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Analytics.Model;

/// <summary>
/// Metrics every deployment has, whatever packs are loaded: NPS, CSAT and CES over every feedback event that
/// carries the score, and the journey measures derived from journey templates (funnel, journeys, time in stage).
/// </summary>
public static class BuiltInMetrics
{
    /// <summary>Per stage visit: n = entered, a = left forward (next stage or completion), b = dropped (journey abandoned there).</summary>
    public const string Funnel = "$funnel";

    /// <summary>Per journey instance, at its start: n = started, a = completed, b = abandoned.</summary>
    public const string Journeys = "$journeys";

    /// <summary>Per stage visit that ended by moving forward: n = visits, s1 = seconds, hist = duration buckets.</summary>
    public const string TimeInStage = "$time-in-stage";

    public static readonly IReadOnlyList<MetricDefinition> Scores =
    [
        Define("nps", MetricKind.Nps, "Net Promoter Score", "points"),
        Define("csat", MetricKind.Csat, "Customer satisfaction (top-2-box)", "%"),
        Define("ces", MetricKind.Ces, "Customer effort score (mean)", "points"),
    ];

    public static bool IsJourneyMeasure(string metricId) => metricId is Funnel or Journeys or TimeInStage;

    private static MetricDefinition Define(string id, MetricKind kind, string name, string unit) => new()
    {
        Id = id,
        Name = new Dictionary<string, string> { ["en"] = name },
        Kind = kind,
        ScoreKey = id,
        Filter = new EventFilter { Kind = Sdk.EventKinds.Feedback },
        Unit = unit,
    };
}
