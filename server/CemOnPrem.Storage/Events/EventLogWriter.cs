using System.Text.Json;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Events;

/// <summary>
/// Appends a batch of events to one region's log in <b>one</b> transaction: replays are answered
/// from the stored receipts, identities are stitched to customers, new rows are inserted with
/// set-based statements. When <see cref="AppendAsync"/> returns, everything is committed.
/// </summary>
public sealed partial class EventLogWriter(RegionDatabases regions, TimeProvider time)
{
    private const int MaxAttempts = 3;

    public async Task<AppendOutcome> AppendAsync(string region, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.FirstOrDefault(e => e.Region != region) is { } stray)
        {
            throw new ArgumentException($"Event {stray.Source}/{stray.EventId} belongs to region '{stray.Region}', not '{region}'.", nameof(events));
        }

        var dataSource = regions.For(region);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AppendOnceAsync(dataSource, region, events, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsRaceWithAnotherWriter(ex))
            {
                // Another node stitched or merged the same identities concurrently; a fresh read sees its result.
            }
        }
    }

    private static bool IsRaceWithAnotherWriter(Exception ex) =>
        ex is ConcurrentStitchException ||
        ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private async Task<AppendOutcome> AppendOnceAsync(NpgsqlDataSource dataSource, string region, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        // PostgreSQL keeps microseconds; truncate so a replay's receipt equals the first one.
        var now = time.GetUtcNow();
        var receivedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var receipts = new EventReceipt?[events.Count];
        var stored = await ReadReceiptsAsync(connection, transaction, region, events.Select(e => (e.Source, e.EventId)).Distinct()).ConfigureAwait(false);
        var firstIndex = new Dictionary<(string, string), int>();
        var fresh = new List<int>();
        for (var i = 0; i < events.Count; i++)
        {
            var key = (events[i].Source, events[i].EventId);
            if (stored.TryGetValue(key, out var original))
            {
                receipts[i] = original with { Duplicate = true };
            }
            else if (firstIndex.TryAdd(key, i))
            {
                fresh.Add(i);
            }
        }

        var changes = new Dictionary<string, CustomerChange>(StringComparer.Ordinal);
        if (fresh.Count > 0)
        {
            var owners = await StitchAndInsertAsync(connection, transaction, region, events, fresh, receivedAt, changes).ConfigureAwait(false);
            await InsertEventsAsync(connection, transaction, region, events, fresh, owners, receivedAt, receipts, changes).ConfigureAwait(false);
        }

        // Later copies of an event within the same batch get the first copy's receipt.
        for (var i = 0; i < events.Count; i++)
        {
            receipts[i] ??= receipts[firstIndex[(events[i].Source, events[i].EventId)]]! with { Duplicate = true };
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AppendOutcome(receipts!, [.. changes.Values]);
    }

    private static async Task<Dictionary<(string, string), EventReceipt>> ReadReceiptsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IEnumerable<(string Source, string EventId)> keys)
    {
        var list = keys.ToList();
        var rows = await connection.QueryAsync<ReceiptRow>(
            """
            select e.source, e.event_id as EventId, e.seq as Sequence, e.customer_id as CustomerId, e.received_at as ReceivedAt
            from events e
            join unnest(@sources, @eventIds) as k(source, event_id) on e.source = k.source and e.event_id = k.event_id
            """,
            new { sources = list.Select(k => k.Source).ToArray(), eventIds = list.Select(k => k.EventId).ToArray() },
            transaction).ConfigureAwait(false);
        return rows.ToDictionary(
            row => (row.Source, row.EventId),
            row => new EventReceipt(row.Source, row.EventId, region, row.Sequence, row.CustomerId, new DateTimeOffset(row.ReceivedAt, TimeSpan.Zero), false));
    }

    private static string[] JsonArray<T>(IEnumerable<T> values) => [.. values.Select(value => JsonSerializer.Serialize(value))];

    private sealed class ReceiptRow
    {
        public string Source { get; init; } = "";
        public string EventId { get; init; } = "";
        public long Sequence { get; init; }
        public string CustomerId { get; init; } = "";
        public DateTime ReceivedAt { get; init; }
    }
}
