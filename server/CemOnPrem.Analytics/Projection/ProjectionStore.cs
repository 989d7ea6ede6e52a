using CemOnPrem.Storage.Databases;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Analytics.Projection;

/// <summary>Opens projection cycles on a region database and reports how far the projection is.</summary>
public sealed class ProjectionStore(RegionDatabases regions)
{
    /// <summary>
    /// Starts a cycle, or returns null when another node holds the region's projection right now. Work is cut at
    /// transaction boundaries after about <paramref name="maxEvents"/> events, and at <paramref name="maxDue"/> customers
    /// whose journeys time out.
    /// </summary>
    public async Task<ProjectionCycle?> BeginAsync(string region, int maxEvents, int maxDue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var checkpoint = await CheckpointAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (checkpoint is not var (low, erasures))
            {
                await DisposeAsync(connection, transaction).ConfigureAwait(false);
                return null;
            }

            // Every transaction below the snapshot's xmin has ended: the log below it no longer changes.
            var high = (await ScalarAsync<long?>(connection, transaction,
                "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint", cancellationToken).ConfigureAwait(false))!.Value;
            // Below the watermark only after a logical restore renumbered the transactions (docs/operations.md).
            var ahead = high < low;
            high = Math.Max(high, low);
            var customers = new SortedSet<string>(StringComparer.Ordinal);
            var restamped = new HashSet<string>(StringComparer.Ordinal);
            var created = new HashSet<string>(StringComparer.Ordinal);
            var (cut, capped) = await ReadChangedAsync(connection, transaction, low, high, maxEvents, customers, restamped, created, cancellationToken)
                .ConfigureAwait(false);
            var due = await ReadDueAsync(connection, transaction, now, maxDue, customers, cancellationToken).ConfigureAwait(false);
            return new ProjectionCycle(connection, transaction, region, low, cut, [.. customers], restamped, created, erasures, capped || due >= maxDue, now)
            {
                WatermarkAhead = ahead,
            };
        }
        catch
        {
            await DisposeAsync(connection, transaction).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The region's erasure count (R0070), read without waiting for a running cycle.</summary>
    public async Task<long> ReadErasuresAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select erasures from analytics_checkpoint", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<ProjectionStatus> ReadStatusAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            select c.watermark, c.projected_at,
                   (select count(*) from events where tx >= ((c.watermark)::text)::xid8),
                   (select count(*) from customer_analytics where next_due <= now())
            from analytics_checkpoint c
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ProjectionStatus(region, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Forgets everything projected in a region, so that the projector derives it all again from the log.</summary>
    public async Task ResetAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ProjectionSql.ExecuteAsync(connection, transaction,
            """
            select 1 from analytics_checkpoint for update;
            -- org_unit_ids is kept: an id must keep meaning the same code (see R0042)
            truncate metric_rollups, metric_rollup_sums, customer_analytics, journeys;
            """ + ProjectionSql.RegisterOrgUnitsSql("retired_contributions") +
            """
            -- erased and purged customers' contributions are no longer derivable from the log (docs/privacy.md)
            insert into metric_rollups
            select r.metric, r.day, o.id, r.journey, r.stage, r.n, r.a, r.b
            from retired_contributions r join org_unit_ids o on o.code = r.org_unit
            where r.n <> 0 or r.a <> 0 or r.b <> 0;
            insert into metric_rollup_sums
            select r.metric, r.day, o.id, r.journey, r.stage, r.s1, r.s2, r.hist
            from retired_contributions r join org_unit_ids o on o.code = r.org_unit
            where r.s1 <> 0 or r.s2 <> 0 or cardinality(r.hist) > 0;
            update analytics_checkpoint set watermark = 0, projected_at = null, updated_at = now();
            """, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The watermark and erasure count, or null when another node holds the checkpoint row.</returns>
    private static async Task<(long Watermark, long Erasures)?> CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select watermark, erasures from analytics_checkpoint for update skip locked", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>The first events of the range [$1, $2) in transaction order, at most $3 (their transaction and customer).</summary>
    internal const string ChangedEventsSql =
        """
        select tx::text::bigint as tx_id, customer_id from events
        where tx >= (($1::bigint)::text)::xid8 and tx < (($2::bigint)::text)::xid8
        -- the column, in index order: ordering by the converted output made PostgreSQL read and sort the whole backlog
        order by events.tx limit $3
        """;

    private static async Task<(long Cut, bool Capped)> ReadChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long low, long high, int maxEvents, SortedSet<string> customers, HashSet<string> restamped, HashSet<string> created, CancellationToken cancellationToken)
    {
        var rows = new List<(long Tx, string CustomerId)>();
        await using (var command = new NpgsqlCommand(ChangedEventsSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = low });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = high });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxEvents });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var cut = high;
        var capped = rows.Count >= maxEvents;
        if (capped)
        {
            // Cut between transactions: the last transaction read may have more rows beyond the limit.
            var last = rows[^1].Tx;
            if (rows[0].Tx == last)
            {
                cut = last + 1; // one transaction larger than the limit: take all of it
                await AddCustomersOfAsync(connection, transaction, last, customers, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                cut = last;
                rows.RemoveAll(row => row.Tx == last);
            }
        }

        foreach (var row in rows)
        {
            customers.Add(row.CustomerId);
        }

        // Merges re-stamp the absorbed customer's row (it must now contribute nothing); so does a change of its
        // analytics consent (docs/privacy.md), and so does a rectification of its events: either way the customer is
        // derived again, from its history as the log has it now. A row created in the range (R0071) is no re-stamp.
        await using (var command = new NpgsqlCommand(
            """
            select customer_id, first_tx >= (($1::bigint)::text)::xid8 from customers
            where tx >= (($1::bigint)::text)::xid8 and tx < (($2::bigint)::text)::xid8
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = low });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cut });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var customerId = reader.GetString(0);
                customers.Add(customerId);
                (reader.GetBoolean(1) ? created : restamped).Add(customerId);
            }
        }

        return (cut, capped);
    }

    private static async Task<int> ReadDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, int maxDue,
        SortedSet<string> customers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select customer_id from customer_analytics where next_due <= $1 order by next_due limit $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxDue });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(reader.GetString(0));
            count++;
        }

        return count;
    }

    private static async Task AddCustomersOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long tx, SortedSet<string> customers,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select distinct customer_id from events where tx = (($1::bigint)::text)::xid8", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tx });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(reader.GetString(0));
        }
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)value;
    }

    private static async Task DisposeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
