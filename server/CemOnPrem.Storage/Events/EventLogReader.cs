using System.Text.Json;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Dapper;

namespace CemOnPrem.Storage.Events;

/// <summary>
/// Reads one region's event log and customer tables; every query goes through that region's data source.
/// Personal fields are decrypted here with the data key each row names (<see cref="FieldProtection"/>).
/// </summary>
public sealed class EventLogReader(RegionDatabases regions, FieldProtection protection)
{
    private const string EntryColumns =
        "seq as Sequence, source, event_id as EventId, kind, touchpoint, org_unit as OrgUnit, occurred_at as OccurredAt, " +
        "scores::text as Scores, attributes::text as Attributes, pii as Pii";

    public async Task<CustomerRecord?> FindCustomerAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CustomerRecord>(
            "select customer_id as CustomerId, created_at as CreatedAt, merged_into as MergedInto, epoch from customers where customer_id = @customerId",
            new { customerId }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CustomerIdentity>> ReadIdentitiesAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Type, byte[] Index, byte[] Value)> rows;
        await using (var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<(string, byte[], byte[])>(
                "select id_type, id_index, id_value from customer_identities where customer_id = @customerId",
                new { customerId }).ConfigureAwait(false)];
        }

        var keys = await protection.KeysForAsync(region, rows.Select(row => row.Value), cancellationToken).ConfigureAwait(false);
        return [.. rows
            .Select(row => new CustomerIdentity(row.Type, System.Text.Encoding.UTF8.GetString(
                FieldCipher.Decrypt(keys[FieldCipher.KeyIdOf(row.Value)], PersonalFields.IdentityBinding(row.Type, row.Index), row.Value))))
            .OrderBy(identity => identity.Type, StringComparer.Ordinal).ThenBy(identity => identity.Value, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The customer's events after <paramref name="afterSequence"/>, in log order, <b>without</b> their personal fields
    /// (operational attributes only, no text): the grain's projection needs none, so it pays no decryption.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadAfterAsync(string region, string customerId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        List<EntryRow> rows;
        await using (var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<EntryRow>(
                $"select {EntryColumns} from events where customer_id = @customerId and seq > @afterSequence order by seq limit @limit",
                new { customerId, afterSequence, limit }).ConfigureAwait(false)];
        }

        return [.. rows.Select(row => row.ToEntry(PersonalFields.None))];
    }

    /// <summary>One page of the timeline, newest first (occurredAt, then sequence), strictly after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(string region, string customerId, TimelineCursor? after, int limit, CancellationToken cancellationToken)
    {
        List<EntryRow> rows;
        await using (var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<EntryRow>(
                $"""
                select {EntryColumns} from events
                where customer_id = @customerId
                  and (@afterTime::timestamptz is null or (occurred_at, seq) < (@afterTime, @afterSequence))
                order by occurred_at desc, seq desc
                limit @limit
                """,
                new { customerId, afterTime = after?.OccurredAt.UtcDateTime, afterSequence = after?.Sequence ?? 0, limit }).ConfigureAwait(false)];
        }

        return await DecryptAsync(region, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The identities each of the customer's events carried (decrypted), in log order; for data-subject exports.</summary>
    public async Task<IReadOnlyList<(TimelineEntry Entry, IReadOnlyList<CustomerIdentity> Identities)>> ReadAllWithIdentitiesAsync(
        string region, string customerId, CancellationToken cancellationToken)
    {
        List<EntryRow> rows;
        await using (var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<EntryRow>(
                $"select {EntryColumns} from events where customer_id = @customerId order by seq", new { customerId }).ConfigureAwait(false)];
        }

        var keys = await protection.KeysForAsync(region, rows.Select(row => row.Pii), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row =>
        {
            var personal = row.Open(keys);
            return (row.ToEntry(personal), personal.Identities);
        })];
    }

    /// <returns>The customer an identity belongs to, or null. <paramref name="value"/> must be normalised.</returns>
    public async Task<string?> LookupAsync(string region, string type, string value, CancellationToken cancellationToken)
    {
        var index = await protection.BlindIndexAsync(region, type, value, cancellationToken).ConfigureAwait(false);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "select customer_id from customer_identities where id_type = @type and id_index = @index",
            new { type, index }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TimelineEntry>> DecryptAsync(string region, List<EntryRow> rows, CancellationToken cancellationToken)
    {
        var keys = await protection.KeysForAsync(region, rows.Select(row => row.Pii), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToEntry(row.Open(keys)))];
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
        public byte[] Pii { get; init; } = [];

        public PersonalFields Open(IReadOnlyDictionary<Guid, DataKey> keys) =>
            PersonalFields.FromUtf8(FieldCipher.Decrypt(keys[FieldCipher.KeyIdOf(Pii)], PersonalFields.EventBinding(Source, EventId), Pii));

        public TimelineEntry ToEntry(PersonalFields personal)
        {
            var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [];
            foreach (var (name, value) in personal.Attributes)
            {
                attributes[name] = value;
            }

            return new(
                Sequence, Source, EventId, Kind, Touchpoint, OrgUnit, new DateTimeOffset(OccurredAt, TimeSpan.Zero),
                JsonSerializer.Deserialize<Dictionary<string, double>>(Scores) ?? [], attributes, personal.Text);
        }
    }
}
