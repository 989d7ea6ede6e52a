using System.Collections.Concurrent;
using CemOnPrem.Storage.Databases;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Analytics.Rollups;

/// <summary>
/// Sums rollup cells of one region database; org-unit subtrees and labels are resolved by the caller. Rollups key the
/// org unit by an integer id (R0042): codes are translated to ids for the filter and back for the result here, with a
/// cached copy of the region's dictionary, so the database scans, compares and groups integers only.
/// </summary>
public sealed class RollupReader(RegionDatabases regions)
{
    private readonly ConcurrentDictionary<string, OrgUnitIds> _ids = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<RollupRow>> ReadAsync(string region, RollupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = _ids.TryGetValue(region, out var cached) ? cached : await ReloadAsync(region, connection, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var filter = query.OrgUnits is null ? null : ids.FilterOf(query.OrgUnits);
            var allKnown = filter?.AllKnown ?? true;
            var (rows, maxId) = await QueryAsync(connection, query, filter, cancellationToken).ConfigureAwait(false);
            if (maxId < ids.MaxId)
            {
                // The dictionary lost ids, which only a re-created or restored database does: drop the copy. (After a
                // restore, ids handed out again up to the old maximum go unnoticed: restart the nodes after a restore.)
                ids = await ReloadAsync(region, connection, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var unknownId = rows.Exists(row => !ids.TryGetCode(row.OrgUnitId, out _));
            if (unknownId || (!allKnown && maxId > ids.MaxId))
            {
                var before = ids;
                ids = await ReloadAsync(region, connection, cancellationToken).ConfigureAwait(false);
                // A filtered code may have got its id after the copy was read: ask again with the complete filter.
                if (!allKnown && ids.MaxId > before.MaxId)
                {
                    continue;
                }
            }

            return rows.ConvertAll(row => new RollupRow(row.Period, CodeOf(ids, row.OrgUnitId), row.Stage, row.Values, row.Metric));
        }
    }

    private static string CodeOf(OrgUnitIds ids, int id) =>
        ids.TryGetCode(id, out var code)
            ? code
            : throw new InvalidOperationException($"Rollups hold org-unit id {id}, which org_unit_ids does not define.");

    private async Task<OrgUnitIds> ReloadAsync(string region, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Last writer wins: a copy older than a concurrent reader's only costs that reader one more reload later.
        var fresh = await OrgUnitIds.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        _ids[region] = fresh;
        return fresh;
    }

    private static async Task<(List<IdRow> Rows, int MaxId)> QueryAsync(
        NpgsqlConnection connection, RollupQuery query, OrgUnitFilter? filter, CancellationToken cancellationToken)
    {
        // Fixed fragments chosen by enum and flag: nothing from the request is spliced into the SQL.
        var period = query.Grain switch
        {
            TimeGrain.Day => "c.day",
            // Stored with each cell (R0060), so a query groups by a column instead of computing the period of every cell.
            TimeGrain.Week => "c.week",
            TimeGrain.Month => "c.month",
            _ => "null::date",
        };
        var stage = query.ByStage ? "stage" : "''";
        var hist = query.WithHistogram ? "coalesce(cem_hist_sum(s.hist), '{}')" : "'{}'::bigint[]";
        var sums = query.WithSums ? "coalesce(sum(s.s1), 0), coalesce(sum(s.s2), 0)" : "0::numeric, 0::numeric";
        // Sums and histograms live apart from the counters (R0040): joined only when the metric needs them.
        var join = query.WithSums || query.WithHistogram
            ? "left join metric_rollup_sums s using (metric, day, org_unit_id, journey, stage)"
            : "";
        // One metric: the statement every dashboard query was measured with; several: one statement, one snapshot.
        var metrics = query.AllMetrics;
        var single = metrics.Length == 1;
        var (metric, metricColumn, groupBy) = single
            ? ("metric = $1", "", "1, 2, 3")
            : ("metric = any($1::text[])", ", c.metric", "1, 2, 3, 10");
        await using var batch = new NpgsqlBatch(connection);
        var rollups = new NpgsqlBatchCommand(
            $"""
            select {period}, org_unit_id, {stage}, sum(c.n)::bigint, sum(c.a)::bigint, sum(c.b)::bigint, {sums}, {hist}{metricColumn}
            from metric_rollups c {join}
            where {metric} and day between $2 and $3
              and ($4::int[] is null or org_unit_id in (select unnest($4::int[])))
              and ($6::int[] is null or (org_unit_id <= $7 and org_unit_id <> all($6::int[])))
              and ($5::text is null or journey = $5::text)
            group by {groupBy}
            """);
        rollups.Parameters.Add(single ? new NpgsqlParameter<string> { TypedValue = query.Metric } : new NpgsqlParameter<string[]> { TypedValue = metrics });
        rollups.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = query.From });
        rollups.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = query.To });
        rollups.Parameters.Add(new NpgsqlParameter { Value = (object?)filter?.Keep ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        rollups.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Journey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        rollups.Parameters.Add(new NpgsqlParameter { Value = (object?)filter?.LeaveOut ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        rollups.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter?.MaxId ?? int.MaxValue });
        batch.BatchCommands.Add(rollups);
        // After the rollups, in the same round trip: any code that had an id when the cells were read is at most this.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select coalesce(max(id), 0) from org_unit_ids"));
        var rows = new List<IdRow>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new IdRow(
                reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetString(2),
                new RollupValues
                {
                    N = reader.GetInt64(3), A = reader.GetInt64(4), B = reader.GetInt64(5),
                    S1 = reader.GetDecimal(6), S2 = reader.GetDecimal(7), Hist = reader.GetFieldValue<long[]>(8),
                }, single ? query.Metric : reader.GetString(9)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (rows, reader.GetInt32(0));
    }

    private readonly record struct IdRow(DateOnly? Period, int OrgUnitId, string Stage, RollupValues Values, string Metric);
}
