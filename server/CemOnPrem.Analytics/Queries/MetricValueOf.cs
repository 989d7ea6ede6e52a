using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Queries;

/// <summary>Turns summed rollup cells into a metric value, the way <see cref="MetricCalculation"/> computes it from raw events.</summary>
public static class MetricValueOf
{
    private const double Z95 = 1.959963984540054;

    public static (double? Value, double? Low, double? High) Compute(MetricDefinition metric, RollupValues values)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(values);
        return metric.Kind switch
        {
            MetricKind.Nps => MetricFormulas.Nps(values.A, values.B, values.N),
            MetricKind.Csat or MetricKind.Rate => MetricFormulas.Share(values.A, values.N),
            MetricKind.Ces => Mean(values),
            MetricKind.DurationPercentile => (DurationBuckets.Percentile(values.Hist, metric.Percentile ?? 50)?.TotalHours, null, null),
            MetricKind.Custom => (values.S2 == 0 ? null : (double)(values.S1 / values.S2), null, null),
            _ => throw new NotSupportedException($"Metric kind {metric.Kind} is not supported."),
        };
    }

    /// <summary>Mean with a normal-approximation 95 % interval from the sum and the sum of squares.</summary>
    private static (double? Value, double? Low, double? High) Mean(RollupValues values)
    {
        if (values.N == 0)
        {
            return (null, null, null);
        }

        var mean = (double)(values.S1 / values.N);
        if (values.N < 2)
        {
            return (mean, null, null);
        }

        var variance = Math.Max(0, (double)((values.S2 - (values.S1 * values.S1 / values.N)) / (values.N - 1)));
        var margin = Z95 * Math.Sqrt(variance / values.N);
        return (mean, mean - margin, mean + margin);
    }
}
