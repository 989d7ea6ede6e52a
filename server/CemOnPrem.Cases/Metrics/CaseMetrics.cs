using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Metrics;

/// <summary>
/// Case metrics for <c>/api/v1/metrics</c>: cases opened, time to first response and to close (p50/p90), SLA and
/// regulatory deadline met. Computed per query from the region's <c>cases</c> table (indexed by each dating instant),
/// not kept as stored rollups: a case's figures change as it moves (first response, resolution, reopening), a stored
/// cell would be rewritten by every transition, and cases are few next to events — see docs/architecture.md.
/// </summary>
internal sealed class CaseMetrics(RegionDatabases regions) : IMetricCellSource
{
    public IReadOnlyList<MetricDefinition> Metrics => CaseMetricDefinitions.All;

    public async Task<IReadOnlyList<MetricCell>> ReadAsync(string region, MetricCellQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = CaseMetricSql.For(query.Metric, query.Grain, query.OrgUnits is not null, query.CaseType is not null);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(DateTime? Period, string OrgUnit, long N, long A, int Bucket)>(new CommandDefinition(sql, new
        {
            from = Midnight(query.From),
            until = Midnight(query.To.AddDays(1)),
            orgUnits = query.OrgUnits?.ToArray(),
            caseType = query.CaseType,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var cells = new Dictionary<(DateOnly?, string), RollupValues>();
        foreach (var row in rows)
        {
            var key = (row.Period is { } day ? DateOnly.FromDateTime(day) : (DateOnly?)null, row.OrgUnit);
            if (!cells.TryGetValue(key, out var values))
            {
                values = new RollupValues();
                cells[key] = values;
            }

            values.N += row.N;
            values.A += row.A;
            if (CaseMetricSql.IsDuration(query.Metric))
            {
                values.AddToBucket(row.Bucket, row.N);
            }
        }

        return [.. cells.Select(cell => new MetricCell(cell.Key.Item1, cell.Key.Item2, cell.Value))];
    }

    public (double? Value, double? Low, double? High) Compute(MetricDefinition metric, RollupValues values)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(values);
        return metric.Id == CaseMetricDefinitions.Opened ? (values.N, null, null) : MetricValueOf.Compute(metric, values);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
