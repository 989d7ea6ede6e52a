using System.Data;
using CemOnPrem.Analytics.Projection;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Where the event-rule fast path stands in a region's event log: every transaction id below <see cref="From"/> has
/// been read, except <see cref="Pending"/> (transactions that were still running when it read). Reading the difference
/// between two snapshots rather than up to the oldest running transaction (the projection's watermark) matters here:
/// a projection cycle keeps a transaction open for seconds, and events committed meanwhile must not wait for it.
/// </summary>
internal sealed record EventLogTail(long From, long[] Pending)
{
    private const string Snapshot = "select pg_snapshot_xmax(s)::text::bigint, array(select x::text::bigint from pg_snapshot_xip(s) x) from pg_current_snapshot() s";

    /// <summary>The log as it is now: what is already there is left to the projection.</summary>
    public static async Task<EventLogTail> StartAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(Snapshot, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new EventLogTail(reader.GetInt64(0), reader.GetFieldValue<long[]>(1));
    }

    /// <returns>
    /// The events committed since this position (no older than <paramref name="oldest"/>), in log order, and the position
    /// after them. Both come from one repeatable-read snapshot, so nothing falls between two reads.
    /// </returns>
    public async Task<(List<AnalyticsEventRow> Events, EventLogTail Next)> ReadAsync(NpgsqlConnection connection, DateTimeOffset oldest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        EventLogTail next;
        await using (var snapshot = new NpgsqlCommand(Snapshot, connection, transaction))
        await using (var reader = await snapshot.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            next = new EventLogTail(reader.GetInt64(0), reader.GetFieldValue<long[]>(1));
        }

        var events = new List<AnalyticsEventRow>();
        await using (var command = new NpgsqlCommand(
            """
            select customer_id, seq, kind, touchpoint, org_unit, occurred_at, scores::text, attributes::text from events
            where (tx >= ($1::text)::xid8 or tx = any(array(select (p::text)::xid8 from unnest($2::bigint[]) p))) and occurred_at >= $3
            order by seq
            """, connection, transaction))
        {
            // Transactions at or above the snapshot's xmax are invisible to it: the next read starts there.
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = From });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = Pending });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = oldest, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(ProjectionSql.ReadEvent(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (events, next);
    }
}
