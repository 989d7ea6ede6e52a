using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Databases;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// A journey template's funnel over a period. Per stage (by day of entry): entered = N, moved on = A, dropped there = B,
/// still in it = N - A - B; per template (by start day): started = N, completed = A, abandoned = B. Rates are completed
/// over entered (started), in %.
/// </summary>
internal static class Funnel
{
    public static async Task<(FunnelTotals Journeys, IReadOnlyList<FunnelStage> Stages)> ReadAsync(
        RollupReader reader, RegionDatabases regions, AnalyticsQuery query, JourneyTemplate template, SmallGroups small, CancellationToken cancellationToken)
    {
        // Stages and totals in one read per region: two reads could straddle a projection cycle and disagree.
        var sums = await RollupGroups.SumAsync(reader, regions, query, [BuiltInMetrics.Funnel, BuiltInMetrics.Journeys], byStage: true, withHistogram: false,
            cancellationToken, withSums: false).ConfigureAwait(false);
        var stages = sums[BuiltInMetrics.Funnel];
        var journeys = RollupGroups.Total(sums[BuiltInMetrics.Journeys].Values);
        var rows = template.Stages.Select(stage => small.Shape(RollupGroups.OfStage(stages, stage.Id),
            values => new FunnelStage(stage.Id, values.N, values.A, values.B, values.N - values.A - values.B, Percent(values.A, values.N), false),
            new FunnelStage(stage.Id, null, null, null, null, null, true)));
        var total = small.Shape(journeys,
            values => new FunnelTotals(values.N, values.A, values.B, Percent(values.A, values.N), false),
            new FunnelTotals(null, null, null, null, true));
        return (total, [.. rows]);
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
