using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Databases;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// Time spent in each stage of a journey template before moving on (by day of leaving): p50 and p90 from the 10 %-wide
/// duration buckets, the mean exact from the sum of seconds.
/// </summary>
internal static class StageTimes
{
    public static async Task<IReadOnlyList<TimeInStage>> ReadAsync(
        RollupReader reader, RegionDatabases regions, AnalyticsQuery query, JourneyTemplate template, SmallGroups small, CancellationToken cancellationToken)
    {
        var stages = await RollupGroups.SumAsync(reader, regions, query, BuiltInMetrics.TimeInStage, byStage: true, withHistogram: true, cancellationToken)
            .ConfigureAwait(false);
        return [.. template.Stages.Select(stage => small.Shape(RollupGroups.OfStage(stages, stage.Id),
            values => new TimeInStage(stage.Id, values.N, Hours(DurationBuckets.Percentile(values.Hist, 50)), Hours(DurationBuckets.Percentile(values.Hist, 90)),
                (double)(values.S1 / values.N) / 3600, false),
            new TimeInStage(stage.Id, null, null, null, null, true)))];
    }

    private static double? Hours(TimeSpan? duration) => duration?.TotalHours;
}
