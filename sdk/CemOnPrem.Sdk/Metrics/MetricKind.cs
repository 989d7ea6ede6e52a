namespace CemOnPrem.Sdk.Metrics;

/// <summary>How a metric is computed.</summary>
public enum MetricKind
{
    /// <summary>Net Promoter Score: % promoters (9–10) minus % detractors (0–6) of a 0–10 score.</summary>
    Nps,

    /// <summary>Customer satisfaction: top-2-box share (4 or 5) of a 1–5 score, in %.</summary>
    Csat,

    /// <summary>Customer effort: mean of a 1–7 score.</summary>
    Ces,

    /// <summary>Share of events matching <see cref="MetricDefinition.Numerator"/> among those matching <see cref="MetricDefinition.Denominator"/>, in %.</summary>
    Rate,

    /// <summary>A percentile of the time between two touchpoints (or of time in a journey stage), in hours.</summary>
    DurationPercentile,

    /// <summary>Computed by pack code: an <see cref="IMetricCalculator"/> with the metric's id.</summary>
    Custom,
}
