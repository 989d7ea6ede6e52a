using CemOnPrem.Storage.Databases;
using Npgsql;

namespace CemOnPrem.Storage.Analytics;

/// <summary>Sums rollup cells of one region database; org-unit subtrees and labels are resolved by the caller.</summary>
public sealed class RollupReader(RegionDatabases regions)
{
    public async Task<IReadOnlyList<RollupRow>> ReadAsync(string region, RollupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Fixed fragments chosen by enum and flag: nothing from the request is spliced into the SQL.
        var period = query.Grain switch
        {
            TimeGrain.Day => "day",
            // Date arithmetic, not date_trunc: that goes through timestamptz (and the session time zone) for every row.
            TimeGrain.Week => "(day - extract(isodow from day)::int + 1)",
            TimeGrain.Month => "(day - extract(day from day)::int + 1)",
            _ => "null::date",
        };
        var stage = query.ByStage ? "stage" : "''";
        var hist = query.WithHistogram ? "coalesce(cem_hist_sum(s.hist), '{}')" : "'{}'::bigint[]";
        var sums = query.WithSums ? "coalesce(sum(s.s1), 0), coalesce(sum(s.s2), 0)" : "0::numeric, 0::numeric";
        // Sums and histograms live apart from the counters (R0040): joined only when the metric needs them.
        var join = query.WithSums || query.WithHistogram
            ? "left join metric_rollup_sums s using (metric, day, org_unit, journey, stage)"
            : "";
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            select {period}, org_unit, {stage}, sum(c.n)::bigint, sum(c.a)::bigint, sum(c.b)::bigint, {sums}, {hist}
            from metric_rollups c {join}
            where metric = $1 and day between $2 and $3
              and ($4::text[] is null or org_unit in (select unnest($4::text[])))
              and ($5::text is null or journey = $5::text)
            group by 1, 2, 3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Metric });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = query.From });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = query.To });
        command.Parameters.Add(new NpgsqlParameter { Value = query.OrgUnits is null ? DBNull.Value : query.OrgUnits.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Journey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<RollupRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new RollupRow(
                reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2),
                new RollupValues
                {
                    N = reader.GetInt64(3), A = reader.GetInt64(4), B = reader.GetInt64(5),
                    S1 = reader.GetDecimal(6), S2 = reader.GetDecimal(7), Hist = reader.GetFieldValue<long[]>(8),
                }));
        }

        return rows;
    }
}
