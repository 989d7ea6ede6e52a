using System.Text.Json;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    /// <summary>
    /// Every write of the batch in one round trip, in this order: new customers, new identities (a unique
    /// key; a clash with another writer fails the round trip and the append is retried), merges, the customer
    /// row locks, the events, COMMIT.
    /// </summary>
    /// <remarks>
    /// Sequence numbers are taken at insert, not at commit. Holding the customer rows until commit
    /// makes another writer's events for the same customer take later numbers <i>and</i> commit later,
    /// so a grain reading "seq &gt; checkpoint" never skips an event that commits behind a higher one.
    /// The lock statement runs before the insert (statements of a batch run in order), sorted, so two
    /// writers lock in the same order.
    /// </remarks>
    private async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IReadOnlyList<NewEvent> events, byte[][] fingerprints,
        List<int> fresh, StitchPlan plan, Dictionary<(string Type, string Value), byte[]> indexes, StoredKeys ownerKeys, DateTimeOffset receivedAt,
        EventReceipt?[] receipts, Dictionary<string, CustomerChange> changes, CancellationToken cancellationToken)
    {
        var receivedAtUtc = receivedAt.UtcDateTime;
        var (keyOf, newKeys) = await PrepareKeysAsync(connection, transaction, region, fresh, plan, ownerKeys, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = 0 }; // AttemptDeadline bounds it
        if (plan.Created.Length > 0)
        {
            batch.BatchCommands.Add(Command(Sql.InsertCustomers, [plan.Created, region, receivedAtUtc]));
            batch.BatchCommands.Add(Command(Sql.InsertCustomerKeys,
            [
                newKeys.Select(k => k.Key.KeyId).ToArray(), newKeys.Select(k => k.CustomerId).ToArray(),
                newKeys.Select(k => k.KekVersion).ToArray(), newKeys.Select(k => k.Wrapped).ToArray(), region,
            ]));
        }

        if (plan.NewIdentities.Count > 0)
        {
            var index = plan.NewIdentities.Select(i => indexes[(i.Type, i.Value)]).ToArray();
            batch.BatchCommands.Add(Command(Sql.InsertIdentities,
            [
                plan.NewIdentities.Select(i => i.Type).ToArray(), index,
                plan.NewIdentities.Select((i, n) => FieldCipher.EncryptText(keyOf[i.CustomerId], PersonalFields.IdentityBinding(i.Type, index[n]), i.Value)).ToArray(),
                plan.NewIdentities.Select(i => i.CustomerId).ToArray(), region, receivedAtUtc,
            ]));
        }

        foreach (var (loser, survivor) in plan.Merges)
        {
            foreach (var sql in (string[])[Sql.MergeIdentities, Sql.MergeKeys, Sql.MergeEvents, Sql.MergeCustomers])
            {
                batch.BatchCommands.Add(Command(sql, [loser, survivor]));
            }

            batch.BatchCommands.Add(Command(Sql.BumpEpoch, [survivor]));
        }

        var owners = new string[fresh.Count];
        var batchEvents = new NewEvent[fresh.Count];
        for (var j = 0; j < fresh.Count; j++)
        {
            owners[j] = plan.Owners[fresh[j]];
            batchEvents[j] = events[fresh[j]];
        }

        var pii = new byte[fresh.Count][];
        var operational = new string[fresh.Count];
        for (var j = 0; j < fresh.Count; j++)
        {
            var e = batchEvents[j];
            var (readable, personal) = PersonalFields.Split(e.Attributes, protection.Options);
            operational[j] = JsonSerializer.Serialize(readable);
            pii[j] = FieldCipher.Encrypt(keyOf[owners[j]], PersonalFields.EventBinding(e.Source, e.EventId), new PersonalFields(e.Identities, personal, e.Text).ToUtf8());
        }

        batch.BatchCommands.Add(Command(Sql.LockCustomers, [owners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()]));
        batch.BatchCommands.Add(Command(Sql.InsertEvents,
        [
            region, receivedAtUtc,
            batchEvents.Select(e => e.Source).ToArray(),
            batchEvents.Select(e => e.EventId).ToArray(),
            owners,
            batchEvents.Select(e => e.Kind).ToArray(),
            batchEvents.Select(e => e.Touchpoint).ToArray(),
            batchEvents.Select(e => e.OrgUnit).ToArray(),
            batchEvents.Select(e => e.OccurredAt.UtcDateTime).ToArray(),
            pii,
            operational,
            batchEvents.Select(e => JsonSerializer.Serialize(e.Scores)).ToArray(),
            batchEvents.Select(e => e.Text is not null).ToArray(),
            fresh.Select(i => fingerprints[i]).ToArray(),
        ]));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql.Commit));

        var inserted = new Dictionary<(string, string), EventReceipt>(fresh.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            do
            {
                // The lock's result set has one column, COMMIT none; the insert's RETURNING has five.
                if (reader.FieldCount != 5)
                {
                    continue;
                }

                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var receipt = ReceiptOf(reader, region);
                    inserted[(receipt.Source, receipt.EventId)] = receipt;
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        var raced = new List<(string, string)>();
        foreach (var i in fresh)
        {
            var key = (events[i].Source, events[i].EventId);
            if (!inserted.TryGetValue(key, out var receipt))
            {
                raced.Add(key);
                continue;
            }

            receipts[i] = receipt;
            var previous = changes.GetValueOrDefault(receipt.CustomerId);
            changes[receipt.CustomerId] = new CustomerChange(receipt.CustomerId, Math.Max(receipt.Sequence, previous?.Sequence ?? 0), previous?.Rebuild ?? false);
        }

        if (raced.Count > 0)
        {
            // Another node committed these keys between our receipt read and our insert: theirs is the original (read after
            // our commit: ON CONFLICT waited for theirs, so it is there).
            var originals = await ReadReceiptsAsync(connection, null, region, raced, cancellationToken).ConfigureAwait(false);
            foreach (var i in fresh.Where(i => receipts[i] is null))
            {
                receipts[i] = Replay(originals[(events[i].Source, events[i].EventId)], fingerprints[i]);
            }
        }
    }

    /// <summary>
    /// The data key of every customer this write encrypts for: a new key (wrapped, inserted with the customer) for each
    /// customer created here, the stored key of each existing one (cached, or read with the owners).
    /// </summary>
    private async Task<(Dictionary<string, DataKey> KeyOf, List<(string CustomerId, DataKey Key, int KekVersion, byte[] Wrapped)> NewKeys)> PrepareKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, List<int> fresh, StitchPlan plan, StoredKeys stored,
        CancellationToken cancellationToken)
    {
        var newKeys = new List<(string, DataKey, int, byte[])>(plan.Created.Length);
        var keyOf = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        foreach (var customerId in plan.Created)
        {
            var (key, version, wrapped) = await protection.CreateKeyAsync(region, customerId, cancellationToken).ConfigureAwait(false);
            newKeys.Add((customerId, key, version, wrapped));
            keyOf[customerId] = key;
        }

        var existing = fresh.Select(i => plan.Owners[i]).Concat(plan.NewIdentities.Select(i => i.CustomerId)).Where(id => !keyOf.ContainsKey(id));
        foreach (var (customerId, key) in await protection.ActiveKeysAsync(connection, transaction, region, existing, stored, cancellationToken).ConfigureAwait(false))
        {
            keyOf[customerId] = key;
        }

        return (keyOf, newKeys);
    }
}
