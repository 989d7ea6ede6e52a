using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// Metrics another module computes from its own tables (cases, later surveys), answered by <c>/api/v1/metrics</c> like
/// the event metrics: the source returns cells of a region in the rollups' shape, and the metrics API sums them across
/// regions, groups them by period and org unit and suppresses small groups exactly as for rollups.
/// </summary>
public interface IMetricCellSource
{
    /// <summary>The metrics this source answers (listed by <c>GET /api/v1/metrics</c>); ids never clash with event metrics.</summary>
    IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>One region's cells for <paramref name="query"/>: per period (when grouped by time) and recorded org unit.</summary>
    Task<IReadOnlyList<MetricCell>> ReadAsync(string region, MetricCellQuery query, CancellationToken cancellationToken);

    /// <summary>The value of summed cells (a count, a share, a percentile…).</summary>
    (double? Value, double? Low, double? High) Compute(MetricDefinition metric, RollupValues values);
}

/// <summary>
/// What to read: the metric, the days (UTC) from–to inclusive, the org-unit codes (null: all), the time grain, and the
/// case type for case metrics (null: all).
/// </summary>
public sealed record MetricCellQuery(string Metric, DateOnly From, DateOnly To, IReadOnlyList<string>? OrgUnits, TimeGrain Grain, string? CaseType);

/// <summary>One cell: the period's first day (null without a time grain), the recorded org unit ("" for none), its values.</summary>
public sealed record MetricCell(DateOnly? Period, string OrgUnit, RollupValues Values);
