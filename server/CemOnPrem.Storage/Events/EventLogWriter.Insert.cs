using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    private static async Task InsertEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IReadOnlyList<NewEvent> events,
        List<int> fresh, Dictionary<int, string> owners, DateTimeOffset receivedAt, EventReceipt?[] receipts,
        Dictionary<string, CustomerChange> changes)
    {
        var batch = fresh.Select(i => events[i]).ToList();
        await LockCustomersAsync(connection, transaction, fresh.Select(i => owners[i])).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReceiptRow>(
            """
            insert into events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at,
                                identities, attributes, scores, free_text)
            select s, e, @region, c, k, t, o, oc, @receivedAt, i::jsonb, a::jsonb, sc::jsonb, ft
            from unnest(@sources, @eventIds, @customers, @kinds, @touchpoints, @orgUnits, @occurredAt,
                        @identities, @attributes, @scores, @texts) as u(s, e, c, k, t, o, oc, i, a, sc, ft)
            on conflict (source, event_id) do nothing
            returning source, event_id as EventId, seq as Sequence, customer_id as CustomerId, received_at as ReceivedAt
            """,
            new
            {
                region,
                receivedAt = receivedAt.UtcDateTime,
                sources = batch.Select(e => e.Source).ToArray(),
                eventIds = batch.Select(e => e.EventId).ToArray(),
                customers = fresh.Select(i => owners[i]).ToArray(),
                kinds = batch.Select(e => e.Kind).ToArray(),
                touchpoints = batch.Select(e => e.Touchpoint).ToArray(),
                orgUnits = batch.Select(e => e.OrgUnit).ToArray(),
                occurredAt = batch.Select(e => e.OccurredAt.UtcDateTime).ToArray(),
                identities = JsonArray(batch.Select(e => e.Identities)),
                attributes = JsonArray(batch.Select(e => e.Attributes)),
                scores = JsonArray(batch.Select(e => e.Scores)),
                texts = batch.Select(e => e.Text).ToArray(),
            },
            transaction).ConfigureAwait(false);

        var inserted = rows.ToDictionary(row => (row.Source, row.EventId));
        var raced = new List<(string, string)>();
        foreach (var i in fresh)
        {
            var key = (events[i].Source, events[i].EventId);
            if (!inserted.TryGetValue(key, out var row))
            {
                raced.Add(key);
                continue;
            }

            receipts[i] = new EventReceipt(row.Source, row.EventId, region, row.Sequence, row.CustomerId, receivedAt, false);
            var previous = changes.GetValueOrDefault(row.CustomerId);
            changes[row.CustomerId] = new CustomerChange(row.CustomerId, Math.Max(row.Sequence, previous?.Sequence ?? 0), previous?.Rebuild ?? false);
        }

        if (raced.Count > 0)
        {
            // Another node committed these keys between our receipt read and our insert: theirs is the original.
            var originals = await ReadReceiptsAsync(connection, transaction, region, raced).ConfigureAwait(false);
            foreach (var i in fresh.Where(i => receipts[i] is null))
            {
                receipts[i] = originals[(events[i].Source, events[i].EventId)] with { Duplicate = true };
            }
        }
    }

    /// <summary>
    /// Sequence numbers are taken at insert, not at commit. Holding the customer rows until commit
    /// makes another writer's events for the same customer take later numbers <i>and</i> commit later,
    /// so a grain reading "seq &gt; checkpoint" never skips an event that commits behind a higher one.
    /// Sorted, so two writers lock in the same order.
    /// </summary>
    private static async Task LockCustomersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> customers)
    {
        var ids = customers.Distinct().Order(StringComparer.Ordinal).ToArray();
        await connection.ExecuteAsync(
            "select 1 from customers where customer_id = any(@ids) order by customer_id for update",
            new { ids }, transaction).ConfigureAwait(false);
    }
}
