using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    /// <returns>The ids of the pack's metrics.</returns>
    private static HashSet<string> CheckMetrics(PackContent pack, HashSet<string> touchpoints, Problems problems)
    {
        Unique(pack.Metrics, m => m.Id, "metrics", "metric", problems);
        foreach (var metric in pack.Metrics)
        {
            var at = $"metrics/{metric.Id}";
            Languages(metric.Name, at, "name", problems);
            CheckFilter(metric.Filter, at, touchpoints, problems);
            switch (metric.Kind)
            {
                case MetricKind.Nps or MetricKind.Csat or MetricKind.Ces:
                    problems.Check(metric.ScoreKey is null || Codes.IsValid(metric.ScoreKey), "code", at, $"scoreKey '{metric.ScoreKey}' {Codes.Rule}.");
                    break;
                case MetricKind.Rate:
                    problems.Check(metric.Numerator is not null, "metric-shape", at, "a rate needs a numerator filter.");
                    problems.Check(metric.Denominator is not null || metric.Filter is not null, "metric-shape", at, "a rate needs a denominator (or filter) for its population.");
                    CheckFilter(metric.Numerator, at, touchpoints, problems);
                    CheckFilter(metric.Denominator, at, touchpoints, problems);
                    break;
                case MetricKind.DurationPercentile:
                    problems.Check(metric.FromTouchpoint is { } from && touchpoints.Contains(from), "touchpoint-reference", at, $"fromTouchpoint '{metric.FromTouchpoint}' is not a touchpoint of the pack's journeys.");
                    problems.Check(metric.ToTouchpoint is { } to && touchpoints.Contains(to), "touchpoint-reference", at, $"toTouchpoint '{metric.ToTouchpoint}' is not a touchpoint of the pack's journeys.");
                    problems.Check(metric.Percentile is null or >= 1 and <= 99, "metric-shape", at, "percentile must be 1-99.");
                    break;
                case MetricKind.Custom:
                    break; // its calculator is the code's business: CheckCode (kit) and the host's code loading
                default:
                    problems.Add("metric-shape", at, $"unknown kind {metric.Kind}.");
                    break;
            }
        }

        return [.. pack.Metrics.Select(m => m.Id)];
    }

    private static void CheckFilter(EventFilter? filter, string at, HashSet<string> touchpoints, Problems problems)
    {
        if (filter is null)
        {
            return;
        }

        problems.Check(filter.Kind is null || EventKinds.IsKnown(filter.Kind), "event-filter", at, $"filter kind '{filter.Kind}' is not touchpoint or feedback.");
        foreach (var touchpoint in filter.Touchpoints.Where(t => !touchpoints.Contains(t)))
        {
            problems.Add("touchpoint-reference", at, $"filter touchpoint '{touchpoint}' is not a touchpoint of the pack's journeys.");
        }
    }
}
