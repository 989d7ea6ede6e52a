using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Storage.Databases;

namespace CemOnPrem.Analytics.Queries;

/// <summary>The cross-region sum of a <see cref="IMetricCellSource"/>'s cells into the query's groups, as <see cref="RollupGroups"/> does for rollups.</summary>
internal static class SourceMetricGroups
{
    public static (IMetricCellSource Source, MetricDefinition Metric)? Find(IEnumerable<IMetricCellSource> sources, string metricId)
    {
        foreach (var source in sources)
        {
            if (source.Metrics.FirstOrDefault(m => m.Id == metricId) is { } metric)
            {
                return (source, metric);
            }
        }

        return null;
    }

    public static async Task<Dictionary<GroupKey, RollupValues>> SumAsync(
        IMetricCellSource source, RegionDatabases regions, AnalyticsQuery query, string metric, string? caseType, CancellationToken cancellationToken)
    {
        var cellQuery = new MetricCellQuery(metric, query.From, query.To, query.Org.Codes, query.Grain, caseType);
        var reads = regions.Regions.Select(region => source.ReadAsync(region, cellQuery, cancellationToken)).ToList();
        var groups = new Dictionary<GroupKey, RollupValues>();
        foreach (var cells in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            foreach (var cell in cells)
            {
                var key = new GroupKey(cell.Period, query.ByOrgUnit ? query.Org.GroupOf(cell.OrgUnit) : null, null);
                if (!groups.TryGetValue(key, out var values))
                {
                    values = new RollupValues();
                    groups[key] = values;
                }

                values.Add(cell.Values);
            }
        }

        return groups;
    }
}
