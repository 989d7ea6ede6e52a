using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Testing;

public static partial class PackValidator
{
    /// <returns>The ids of the pack's metrics.</returns>
    private static HashSet<string> ValidateMetrics(PackContent pack, IPackCode? code, HashSet<string> touchpoints, Issues issues)
    {
        Unique(pack.Metrics, m => m.Id, "metrics", "metric", issues);
        var calculators = code?.MetricCalculators.Select(c => c.MetricId).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var metric in pack.Metrics)
        {
            var at = $"metrics/{metric.Id}";
            Languages(metric.Name, at, "name", issues);
            CheckFilter(metric.Filter, at, touchpoints, issues);
            switch (metric.Kind)
            {
                case MetricKind.Nps or MetricKind.Csat or MetricKind.Ces:
                    issues.Check(metric.ScoreKey is null || Codes.IsValid(metric.ScoreKey), at, $"scoreKey '{metric.ScoreKey}' {Codes.Rule}.");
                    break;
                case MetricKind.Rate:
                    issues.Check(metric.Numerator is not null, at, "a rate needs a numerator filter.");
                    issues.Check(metric.Denominator is not null || metric.Filter is not null, at, "a rate needs a denominator (or filter) for its population.");
                    CheckFilter(metric.Numerator, at, touchpoints, issues);
                    CheckFilter(metric.Denominator, at, touchpoints, issues);
                    break;
                case MetricKind.DurationPercentile:
                    issues.Check(metric.FromTouchpoint is { } from && touchpoints.Contains(from), at, $"fromTouchpoint '{metric.FromTouchpoint}' is not a touchpoint of the pack's journeys.");
                    issues.Check(metric.ToTouchpoint is { } to && touchpoints.Contains(to), at, $"toTouchpoint '{metric.ToTouchpoint}' is not a touchpoint of the pack's journeys.");
                    issues.Check(metric.Percentile is null or >= 1 and <= 99, at, "percentile must be 1-99.");
                    break;
                case MetricKind.Custom:
                    issues.Check(calculators.Contains(metric.Id), at, "is custom but the pack's code has no calculator for it.");
                    break;
                default:
                    issues.Add(at, $"unknown kind {metric.Kind}.");
                    break;
            }
        }

        foreach (var orphan in calculators.Where(id => !pack.Metrics.Any(m => m.Id == id && m.Kind == MetricKind.Custom)))
        {
            issues.Add("code", $"calculator '{orphan}' has no custom metric definition.");
        }

        return [.. pack.Metrics.Select(m => m.Id)];
    }

    private static void CheckFilter(EventFilter? filter, string at, HashSet<string> touchpoints, Issues issues)
    {
        if (filter is null)
        {
            return;
        }

        issues.Check(filter.Kind is null || EventKinds.IsKnown(filter.Kind), at, $"filter kind '{filter.Kind}' is not touchpoint or feedback.");
        foreach (var touchpoint in filter.Touchpoints.Where(t => !touchpoints.Contains(t)))
        {
            issues.Add(at, $"filter touchpoint '{touchpoint}' is not a touchpoint of the pack's journeys.");
        }
    }
}
