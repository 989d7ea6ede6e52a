using System.Globalization;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Encryption;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Bench.Memory;

/// <summary>
/// Seeds customers with one identity and one event each, set-based (the ingest path is not what is measured here),
/// encrypted as the writer would store them, so the grains read real ciphertext.
/// </summary>
internal static class MemorySeed
{
    private const string Region = "cn-east";
    private const string Text = "Quick and friendly service, short queue.";

    public static string CustomerId(int i) => string.Create(CultureInfo.InvariantCulture, $"c-mem-{i}");

    public static async Task SeedAsync(string connectionString, FieldProtection protection, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var customers = new NpgsqlCommand(
            "insert into customers (customer_id, region, created_at) select 'c-mem-' || g, 'cn-east', now() from generate_series(0, @n - 1) g", connection))
        {
            customers.CommandTimeout = 600;
            customers.Parameters.AddWithValue("n", count);
            await customers.ExecuteNonQueryAsync();
        }

        var indexKey = await protection.IndexKeyAsync(Region, CancellationToken.None);
        var rows = new List<(string Customer, DataKey Key, int Version, byte[] Wrapped, byte[] Index, byte[] Identity, byte[] Pii, string EventId)>(count);
        for (var i = 0; i < count; i++)
        {
            var customer = CustomerId(i);
            var (key, version, wrapped) = await protection.CreateKeyAsync(Region, customer, CancellationToken.None);
            var value = string.Create(CultureInfo.InvariantCulture, $"mem-{i:D8}");
            var index = FieldProtection.BlindIndex(indexKey, "account", value);
            var eventId = string.Create(CultureInfo.InvariantCulture, $"mem-{i}");
            var pii = new PersonalFields([new CustomerIdentity("account", value)], new Dictionary<string, string>(), Text).ToUtf8();
            rows.Add((customer, key, version, wrapped, index,
                FieldCipher.EncryptText(key, PersonalFields.IdentityBinding("account", index), value),
                FieldCipher.Encrypt(key, PersonalFields.EventBinding("bench-channel", eventId), pii), eventId));
        }

        var now = DateTime.UtcNow;
        await using (var keys = await connection.BeginBinaryImportAsync(
            "copy customer_keys (key_id, customer_id, origin_customer_id, region, kek_version, wrapped) from stdin (format binary)"))
        {
            foreach (var row in rows)
            {
                await keys.WriteRowAsync(default, row.Key.KeyId, row.Customer, row.Customer, Region, row.Version, row.Wrapped);
            }

            await keys.CompleteAsync();
        }

        await using (var identities = await connection.BeginBinaryImportAsync(
            "copy customer_identities (id_type, id_index, id_value, customer_id, region, first_seen_at) from stdin (format binary)"))
        {
            foreach (var row in rows)
            {
                await identities.WriteRowAsync(default, "account", row.Index, row.Identity, row.Customer, Region, now);
            }

            await identities.CompleteAsync();
        }

        await using (var events = await connection.BeginBinaryImportAsync(
            "copy events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at, pii, attributes, scores) from stdin (format binary)"))
        {
            foreach (var row in rows)
            {
                await events.StartRowAsync();
                await events.WriteAsync("bench-channel", NpgsqlDbType.Text);
                await events.WriteAsync(row.EventId, NpgsqlDbType.Text);
                await events.WriteAsync(Region, NpgsqlDbType.Text);
                await events.WriteAsync(row.Customer, NpgsqlDbType.Text);
                await events.WriteAsync("feedback", NpgsqlDbType.Text);
                await events.WriteAsync("branch-visit", NpgsqlDbType.Text);
                await events.WriteAsync("cn-sh-branch-01", NpgsqlDbType.Text);
                await events.WriteAsync(now.AddHours(-1), NpgsqlDbType.TimestampTz);
                await events.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await events.WriteAsync(row.Pii, NpgsqlDbType.Bytea);
                await events.WriteAsync("""{"device":"tablet"}""", NpgsqlDbType.Jsonb);
                await events.WriteAsync("""{"nps":9}""", NpgsqlDbType.Jsonb);
            }

            await events.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("analyze customers; analyze customer_keys; analyze customer_identities; analyze events;", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
