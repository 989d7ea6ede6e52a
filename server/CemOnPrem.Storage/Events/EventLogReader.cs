using System.Text.Json;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Storage.Events;

/// <summary>Reads one region's event log and customer tables; every query goes through that region's data source.</summary>
public sealed class EventLogReader(RegionDatabases regions)
{
    private const string EntryColumns =
        "seq as Sequence, source, event_id as EventId, kind, touchpoint, org_unit as OrgUnit, occurred_at as OccurredAt, " +
        "scores::text as Scores, attributes::text as Attributes, free_text as Text";

    public async Task<CustomerRecord?> FindCustomerAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CustomerRecord>(
            "select customer_id as CustomerId, created_at as CreatedAt, merged_into as MergedInto, epoch from customers where customer_id = @customerId",
            new { customerId }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CustomerIdentity>> ReadIdentitiesAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Type, string Value)>(
            "select id_type, id_value from customer_identities where customer_id = @customerId order by id_type, id_value",
            new { customerId }).ConfigureAwait(false);
        return [.. rows.Select(row => new CustomerIdentity(row.Type, row.Value))];
    }

    /// <summary>The customer's events after <paramref name="afterSequence"/>, in log order.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadAfterAsync(string region, string customerId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EntryRow>(
            $"select {EntryColumns} from events where customer_id = @customerId and seq > @afterSequence order by seq limit @limit",
            new { customerId, afterSequence, limit }).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <summary>One page of the timeline, newest first (occurredAt, then sequence), strictly after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(string region, string customerId, TimelineCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EntryRow>(
            $"""
            select {EntryColumns} from events
            where customer_id = @customerId
              and (@afterTime::timestamptz is null or (occurred_at, seq) < (@afterTime, @afterSequence))
            order by occurred_at desc, seq desc
            limit @limit
            """,
            new { customerId, afterTime = after?.OccurredAt.UtcDateTime, afterSequence = after?.Sequence ?? 0, limit }).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <returns>The customer an identity belongs to, or null. <paramref name="value"/> must be normalised.</returns>
    public async Task<string?> LookupAsync(string region, string type, string value, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "select customer_id from customer_identities where id_type = @type and id_value = @value",
            new { type, value }).ConfigureAwait(false);
    }

    private sealed class EntryRow
    {
        public long Sequence { get; init; }
        public string Source { get; init; } = "";
        public string EventId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Touchpoint { get; init; }
        public string? OrgUnit { get; init; }
        public DateTime OccurredAt { get; init; }
        public string Scores { get; init; } = "{}";
        public string Attributes { get; init; } = "{}";
        public string? Text { get; init; }

        public TimelineEntry ToEntry() => new(
            Sequence, Source, EventId, Kind, Touchpoint, OrgUnit, new DateTimeOffset(OccurredAt, TimeSpan.Zero),
            JsonSerializer.Deserialize<Dictionary<string, double>>(Scores) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [],
            Text);
    }
}
