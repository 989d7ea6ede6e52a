using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Databases;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// The cross-region sum: rollups of every region summed into the query's groups. Aggregates identify no one, so they
/// may be combined across regions; small groups are suppressed by the caller (<see cref="SmallGroups"/>).
/// </summary>
internal static class RollupGroups
{
    public static async Task<Dictionary<GroupKey, RollupValues>> SumAsync(
        RollupReader reader, RegionDatabases regions, AnalyticsQuery query, string metric, bool byStage, bool withHistogram,
        CancellationToken cancellationToken, bool withSums = true) =>
        (await SumAsync(reader, regions, query, [metric], byStage, withHistogram, cancellationToken, withSums).ConfigureAwait(false))[metric];

    /// <summary>
    /// Several metrics at once, each region's in one statement: within a region they come from one snapshot (a
    /// projection cycle commits all of a region's cells together, so they agree with each other).
    /// </summary>
    /// <returns>Per metric asked for, its groups (none for a metric without cells in the range).</returns>
    public static async Task<Dictionary<string, Dictionary<GroupKey, RollupValues>>> SumAsync(
        RollupReader reader, RegionDatabases regions, AnalyticsQuery query, IReadOnlyList<string> metrics, bool byStage, bool withHistogram,
        CancellationToken cancellationToken, bool withSums = true)
    {
        ArgumentOutOfRangeException.ThrowIfZero(metrics.Count);
        var rollup = query.ToRollupQuery(metrics[0], byStage, withSums || withHistogram, withHistogram) with { AlsoMetrics = [.. metrics.Skip(1)] };
        var reads = regions.Regions.Select(region => reader.ReadAsync(region, rollup, cancellationToken)).ToList();
        var byMetric = metrics.Distinct(StringComparer.Ordinal).ToDictionary(m => m, _ => new Dictionary<GroupKey, RollupValues>(), StringComparer.Ordinal);
        foreach (var rows in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                var groups = byMetric[row.Metric];
                var key = new GroupKey(row.Period, query.ByOrgUnit ? query.Org.GroupOf(row.OrgUnit) : null, byStage ? row.Stage : null);
                if (!groups.TryGetValue(key, out var values))
                {
                    values = new RollupValues();
                    groups[key] = values;
                }

                values.Add(row.Values);
            }
        }

        return byMetric;
    }

    /// <returns>The stage's group of a by-stage sum; empty values for a stage no one reached in the period.</returns>
    public static RollupValues OfStage(Dictionary<GroupKey, RollupValues> groups, string stage) =>
        groups.FirstOrDefault(pair => pair.Key.Stage == stage).Value ?? new RollupValues();

    public static RollupValues Total(IEnumerable<RollupValues> groups)
    {
        var total = new RollupValues();
        foreach (var values in groups)
        {
            total.Add(values);
        }

        return total;
    }
}
