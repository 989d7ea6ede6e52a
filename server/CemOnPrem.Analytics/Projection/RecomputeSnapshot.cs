using System.Data;
using System.Runtime.CompilerServices;
using CemOnPrem.Storage.Databases;
using Npgsql;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// A consistent view of one region for checking the rollups against a full recompute: a repeatable-read
/// transaction holding the checkpoint row (so no projection cycle runs meanwhile). The comparison is only
/// meaningful when the projection had caught up with everything visible: <see cref="IsCaughtUp"/>.
/// </summary>
public sealed class RecomputeSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private RecomputeSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long watermark, DateTimeOffset? projectedAt, bool caughtUp)
    {
        _connection = connection;
        _transaction = transaction;
        Watermark = watermark;
        ProjectedAt = projectedAt;
        IsCaughtUp = caughtUp;
    }

    public long Watermark { get; }

    /// <summary>The "now" of the last cycle: the recompute judges journey time-outs at the same moment.</summary>
    public DateTimeOffset? ProjectedAt { get; }

    /// <summary>No event, merge or journey time-out is waiting for the projector in this snapshot.</summary>
    public bool IsCaughtUp { get; }

    public static async Task<RecomputeSnapshot> OpenAsync(RegionDatabases regions, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                select c.watermark, c.projected_at,
                       not exists (select 1 from events where tx >= (c.watermark::text)::xid8)
                   and not exists (select 1 from customers where tx >= (c.watermark::text)::xid8)
                   and not exists (select 1 from customer_analytics where next_due <= coalesce(c.projected_at, '-infinity'))
                from analytics_checkpoint c for update
                """, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = new RecomputeSnapshot(connection, transaction, reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2));
            return snapshot;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every customer's events (in log order), one customer at a time, streamed.</summary>
    public async IAsyncEnumerable<(string CustomerId, List<AnalyticsEventRow> Events)> ReadCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select customer_id, seq, kind, touchpoint, org_unit, occurred_at, scores::text, attributes::text
            from events where customer_id not in (select customer_id from analytics_exclusions)
            order by customer_id, seq
            """, _connection, _transaction);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        List<AnalyticsEventRow>? current = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = ProjectionSql.ReadEvent(reader);
            if (current is not null && current[0].CustomerId != row.CustomerId)
            {
                yield return (current[0].CustomerId, current);
                current = null;
            }

            current ??= [];
            current.Add(row);
        }

        if (current is not null)
        {
            yield return (current[0].CustomerId, current);
        }
    }

    /// <summary>The summed contributions of customers whose rows were erased or purged (no longer in the log).</summary>
    public Task<RollupCells> ReadRetiredAsync(CancellationToken cancellationToken) =>
        RetiredContributions.ReadAsync(_connection, _transaction, cancellationToken);

    /// <summary>Compares the stored rollups with <paramref name="recomputed"/>, cell by cell.</summary>
    public async Task<RollupComparison> CompareAsync(RollupCells recomputed, int maxListed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        await ProjectionSql.ExecuteAsync(_connection, _transaction,
            "create temporary table rollup_recomputed " + ProjectionSql.CellColumns + " on commit drop", cancellationToken).ConfigureAwait(false);
        await ProjectionSql.CopyCellsAsync(_connection, "rollup_recomputed", recomputed, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            select coalesce(s.metric, r.metric), coalesce(s.day, r.day)::text, coalesce(s.org_unit, r.org_unit),
                   coalesce(s.journey, r.journey), coalesce(s.stage, r.stage),
                   row(s.n, s.a, s.b, s.s1, s.s2, s.hist)::text, row(r.n, r.a, r.b, r.s1, r.s2, r.hist)::text,
                   count(*) over ()
            from metric_rollup_cells s
            full join rollup_recomputed r using (metric, day, org_unit, journey, stage)
            where row(s.n, s.a, s.b, s.s1, s.s2, s.hist) is distinct from row(r.n, r.a, r.b, r.s1, r.s2, r.hist)
            order by 1, 2, 3, 4, 5
            limit $1
            """, _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxListed });
        var differences = new List<RollupDifference>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                differences.Add(new RollupDifference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6)));
                total = reader.GetInt64(7);
            }
        }

        var stored = await CountAsync("select count(*) from metric_rollup_cells", cancellationToken).ConfigureAwait(false);
        return new RollupComparison(stored, recomputed.Count, total, differences);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
