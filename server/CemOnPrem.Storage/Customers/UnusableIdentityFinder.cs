using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Storage.Customers;

/// <summary>
/// Finds customers stored before <see cref="IdentityRules"/> whose identities fail today's rules: such a value ("+",
/// "1234") may have stitched strangers into one customer, with or without a recorded merge (the second stranger's event
/// simply met the first one's identity). Reports customer ids and identity types only, never values.
/// </summary>
/// <remarks>
/// Identity values are encrypted and indexed by HMAC, so a junk value cannot be found by recomputing blind indexes of a
/// list of known junk: the set of unusable values has no end ("+1", "+12", "ann@", "x"). The finder therefore decrypts
/// every identity of the region with the data keys (unwrapped by the region's key-encryption keys, as the server does),
/// one page at a time, and checks each value in memory; nothing is written.
/// </remarks>
public sealed class UnusableIdentityFinder(RegionDatabases regions, FieldProtection protection)
{
    // Keyset pages along the primary key (id_type, id_index): each page one index range scan, however large the table.
    private const string Page =
        """
        select id_type, id_index, id_value, customer_id from customer_identities
        where (id_type, id_index) > ($1, $2)
        order by id_type, id_index
        limit $3
        """;

    private const string Counts =
        """
        select u.id,
               (select count(*) from customer_identities i where i.customer_id = u.id),
               (select count(*) from customers m where m.merged_into = u.id)
        from unnest($1::text[]) as u(id)
        """;

    public async Task<IReadOnlyList<SuspectCustomer>> FindAsync(string region, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var unusable = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var notNormalised = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        (string Type, byte[] Index) after = ("", []);
        while (true)
        {
            var rows = await ReadPageAsync(connection, after, pageSize, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            var keys = await protection.KeysForAsync(region, rows.Select(row => row.Value), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var value = System.Text.Encoding.UTF8.GetString(
                    FieldCipher.Decrypt(keys[FieldCipher.KeyIdOf(row.Value)], PersonalFields.IdentityBinding(row.Type, row.Index), row.Value));
                var check = IdentityRules.Check(row.Type, value);
                if (check.IsUsable && check.Value == value)
                {
                    continue;
                }

                var found = check.IsUsable ? notNormalised : unusable;
                if (!found.TryGetValue(row.Customer, out var types))
                {
                    found[row.Customer] = types = new SortedSet<string>(StringComparer.Ordinal);
                }

                types.Add(row.Type);
            }

            after = (rows[^1].Type, rows[^1].Index);
        }

        var suspects = unusable.Keys.Union(notNormalised.Keys).Order(StringComparer.Ordinal).ToArray();
        var result = new List<SuspectCustomer>(suspects.Length);
        await using var command = new NpgsqlCommand(Counts, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = suspects });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            result.Add(new SuspectCustomer(id, unusable.GetValueOrDefault(id) ?? [], notNormalised.GetValueOrDefault(id) ?? [],
                (int)reader.GetInt64(1), (int)reader.GetInt64(2)));
        }

        return result;
    }

    private static async Task<List<(string Type, byte[] Index, byte[] Value, string Customer)>> ReadPageAsync(
        NpgsqlConnection connection, (string Type, byte[] Index) after, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Page, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Index });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string, byte[], byte[], string)>(pageSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), (byte[])reader[1], (byte[])reader[2], reader.GetString(3)));
        }

        return rows;
    }
}
