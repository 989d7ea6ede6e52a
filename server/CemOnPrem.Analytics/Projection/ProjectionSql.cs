using Npgsql;
using NpgsqlTypes;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>The statements of the analytics projection, shared by projection cycles and the recompute.</summary>
internal static class ProjectionSql
{
    private const string EventColumns = "customer_id, seq, kind, touchpoint, org_unit, occurred_at, scores::text, attributes::text";

    /// <returns>Every event in [<paramref name="from"/>, <paramref name="below"/>) (the <c>tx</c> index: only the new events), per customer in log order.</returns>
    public static Task<Dictionary<string, List<AnalyticsEventRow>>> ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long from, long below, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"""
            select {EventColumns}
            from events where tx >= (($1::bigint)::text)::xid8 and tx < (($2::bigint)::text)::xid8
              and customer_id not in (select customer_id from analytics_exclusions)
            order by customer_id, seq
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = below });
        return ReadByCustomerAsync(command, cancellationToken);
    }

    /// <returns>
    /// The customers' events below <paramref name="below"/>, per customer in log order. One index probe per customer
    /// (a customer new to the log costs one index descent), whatever the log's size: the plain <c>= any(array)</c>
    /// form turned into a scan of the whole log once the array was a sizeable part of a small table.
    /// </returns>
    public static Task<Dictionary<string, List<AnalyticsEventRow>>> ReadBelowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<string> customerIds, long below, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return Task.FromResult(new Dictionary<string, List<AnalyticsEventRow>>(StringComparer.Ordinal));
        }

        var command = new NpgsqlCommand(
            $"""
            select h.*
            from unnest($2::text[]) as c (id)
            -- "order by" keeps the sub-query from being flattened into a join the planner could answer with a scan, and
            -- "is true" keeps it from probing the tx index (all of the log lies below the watermark) instead of the customer's
            cross join lateral (
                select {EventColumns} from events e
                where e.customer_id = c.id and (e.tx < (($1::bigint)::text)::xid8) is true order by e.seq) as h
            where c.id not in (select customer_id from analytics_exclusions)
            order by h.customer_id, h.seq
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = below });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. customerIds] });
        return ReadByCustomerAsync(command, cancellationToken);
    }

    private static async Task<Dictionary<string, List<AnalyticsEventRow>>> ReadByCustomerAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var events = new Dictionary<string, List<AnalyticsEventRow>>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = ReadEvent(reader);
                if (!events.TryGetValue(row.CustomerId, out var list))
                {
                    list = [];
                    events[row.CustomerId] = list;
                }

                list.Add(row);
            }

            return events;
        }
    }

    public static AnalyticsEventRow ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7));

    public static async Task<Dictionary<string, StoredContribution>> ReadContributionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> customerIds, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, StoredContribution>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "select customer_id, cells::text, derived_below from customer_analytics where customer_id = any($1::text[])", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. customerIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[reader.GetString(0)] = new StoredContribution(RollupCellsJson.Read(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }

        return stored;
    }

    /// <summary>Columns of a temporary table that holds whole cells (counters and sums) for <see cref="CopyCellsAsync"/>.</summary>
    public const string CellColumns =
        "(metric text, day date, org_unit text, journey text, stage text, n bigint, a bigint, b bigint, s1 numeric, s2 numeric, hist bigint[])";

    /// <summary>
    /// SQL that gives every org-unit code of <paramref name="table"/> (a table of whole cells keyed by code) its id in
    /// <c>org_unit_ids</c>, if it has none yet (see <see cref="RollupDelta"/>). Callers hold the region's checkpoint row.
    /// </summary>
    public static string RegisterOrgUnitsSql(string table) =>
        $"""
        insert into org_unit_ids (code)
        select distinct t.org_unit from {table} t
        where not exists (select 1 from org_unit_ids o where o.code = t.org_unit)
        order by 1
        on conflict (code) do nothing;

        """;

    /// <param name="orgUnitIds">When given, the table keys the org unit by id (<c>org_unit_id</c>) instead of by code.</param>
    public static async Task CopyCellsAsync(NpgsqlConnection connection, string table, RollupCells cells, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, int>? orgUnitIds = null)
    {
        var orgUnit = orgUnitIds is null ? "org_unit" : "org_unit_id";
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy {table} (metric, day, {orgUnit}, journey, stage, n, a, b, s1, s2, hist) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
        foreach (var (key, values) in cells.Cells)
        {
            if (values.IsEmpty)
            {
                continue;
            }

            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(key.Metric, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(key.Day, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
            if (orgUnitIds is null)
            {
                await importer.WriteAsync(key.OrgUnit, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(orgUnitIds[key.OrgUnit], NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }

            await importer.WriteAsync(key.Journey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(key.Stage, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.N, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.A, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.B, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.S1, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.S2, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(values.Hist, NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the stored contributions and journeys of the cycle's customers with their new derivation, made from
    /// their events below <paramref name="derivedBelow"/> (which the rows keep: see R0070).
    /// </summary>
    public static async Task ReplaceStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region,
        IReadOnlyList<string> customerIds, IReadOnlyList<CustomerAnalyticsState> states, DateTimeOffset now, long derivedBelow,
        CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "customer_analytics", "journeys" })
        {
            await using var delete = new NpgsqlCommand($"delete from {table} where customer_id = any($1::text[])", connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. customerIds] });
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy customer_analytics (customer_id, region, cells, next_due, updated_at, derived_below) from stdin (format binary)", cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var state in states.Where(state => state.Cells.Count > 0 || state.NextDue is not null))
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(state.CustomerId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(region, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(RollupCellsJson.Write(state.Cells), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                if (state.NextDue is { } due)
                {
                    await importer.WriteAsync(due, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }

                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(derivedBelow, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy journeys (customer_id, region, template_id, instance, status, current_stage, started_at, ended_at, stages) from stdin (format binary)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var journey in states.SelectMany(state => state.Journeys))
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.CustomerId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(region, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.TemplateId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.Instance, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.Status, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.CurrentStage, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(journey.StartedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                if (journey.EndedAt is { } ended)
                {
                    await importer.WriteAsync(ended, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }

                await importer.WriteAsync(journey.StagesJson, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
