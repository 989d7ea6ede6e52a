using Npgsql;
using NpgsqlTypes;
using CemOnPrem.Analytics.Projection;

namespace CemOnPrem.Analytics.Rollups;

/// <summary>Adds a projection cycle's delta (new − old contributions, keyed by org-unit code) to the rollups.</summary>
internal static class RollupDelta
{
    private const string DeltaColumns =
        "(metric text, day date, org_unit_id integer, journey text, stage text, n bigint, a bigint, b bigint, s1 numeric, s2 numeric, hist bigint[])";

    /// <summary>
    /// Gives new codes their id, COPYs the delta keyed by id into a temporary table, then one upsert in key order into
    /// the counters and one into the sums (only cells whose delta touches them), then drops emptied cells from both.
    /// Ids are resolved here rather than joined in SQL, so the statements keep the plain two-table shape of R0040.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RollupCells delta, CancellationToken cancellationToken)
    {
        if (delta.Count == 0)
        {
            return;
        }

        var ids = await IdsOfAsync(connection, transaction, [.. delta.Cells.Select(cell => cell.Key.OrgUnit).Distinct(StringComparer.Ordinal)],
            cancellationToken).ConfigureAwait(false);
        await ProjectionSql.ExecuteAsync(connection, transaction,
            "create temporary table if not exists rollup_delta_by_id " + DeltaColumns + " on commit delete rows", cancellationToken).ConfigureAwait(false);
        await ProjectionSql.CopyCellsAsync(connection, "rollup_delta_by_id", delta, cancellationToken, ids).ConfigureAwait(false);
        await ProjectionSql.ExecuteAsync(connection, transaction,
            """
            insert into metric_rollups as r
            select metric, day, org_unit_id, journey, stage, n, a, b from rollup_delta_by_id
            where n <> 0 or a <> 0 or b <> 0
            order by metric, day, org_unit_id, journey, stage
            on conflict (metric, day, org_unit_id, journey, stage) do update set
                n = r.n + excluded.n, a = r.a + excluded.a, b = r.b + excluded.b;
            insert into metric_rollup_sums as r
            select metric, day, org_unit_id, journey, stage, s1, s2, hist from rollup_delta_by_id
            where s1 <> 0 or s2 <> 0 or cardinality(hist) > 0
            order by metric, day, org_unit_id, journey, stage
            on conflict (metric, day, org_unit_id, journey, stage) do update set
                s1 = r.s1 + excluded.s1, s2 = r.s2 + excluded.s2,
                hist = case when cardinality(excluded.hist) = 0 then r.hist else cem_hist_add(r.hist, excluded.hist) end;
            delete from metric_rollups r using rollup_delta_by_id d
            where (r.metric, r.day, r.org_unit_id, r.journey, r.stage) = (d.metric, d.day, d.org_unit_id, d.journey, d.stage)
              and r.n = 0 and r.a = 0 and r.b = 0;
            delete from metric_rollup_sums r using rollup_delta_by_id d
            where (r.metric, r.day, r.org_unit_id, r.journey, r.stage) = (d.metric, d.day, d.org_unit_id, d.journey, d.stage)
              and r.s1 = 0 and r.s2 = 0 and r.hist = '{}';
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The ids of <paramref name="codes"/>, adding the codes that have none. The caller holds the region's checkpoint
    /// row, so no two transactions add codes at once; the existence filter keeps the identity from being spent on codes
    /// that already have an id. (The CTE's rows are not visible to the outer select, hence the union.)
    /// </summary>
    private static async Task<Dictionary<string, int>> IdsOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] codes,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            with added as (
                insert into org_unit_ids (code)
                select c.code from unnest($1::text[]) as c(code)
                where not exists (select 1 from org_unit_ids o where o.code = c.code)
                order by 1
                on conflict (code) do nothing
                returning code, id)
            select code, id from added
            union all
            select code, id from org_unit_ids where code = any($1::text[])
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = codes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var ids = new Dictionary<string, int>(codes.Length, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids[reader.GetString(0)] = reader.GetInt32(1);
        }

        return ids;
    }
}
