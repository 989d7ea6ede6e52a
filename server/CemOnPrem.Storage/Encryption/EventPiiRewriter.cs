using Npgsql;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Changes the encrypted personal part of stored events inside the caller's transaction (retention clearing free
/// text, rectification of a personal attribute): decrypt, change, encrypt again under the same data key and the same
/// associated data. Events whose change returns null are left as they are.
/// </summary>
public static class EventPiiRewriter
{
    private const int PageSize = 500;

    /// <param name="filter">A condition on <c>events</c> (no user input), e.g. <c>has_text and occurred_at &lt; $1</c>.</param>
    /// <returns>The customers whose events changed, and how many events.</returns>
    public static async Task<(IReadOnlySet<string> Customers, long Events)> RewriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        FieldProtection protection, string region, string filter, IReadOnlyList<NpgsqlParameter> parameters, Func<PersonalFields, PersonalFields?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(change);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        long changed = 0;
        long after = 0;
        while (true)
        {
            var rows = new List<(long Seq, string Source, string EventId, string CustomerId, byte[] Pii)>();
            await using (var select = new NpgsqlCommand(
                $"select seq, source, event_id, customer_id, pii from events where seq > @after and ({filter}) order by seq limit {PageSize}", connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter<long>("after", after));
                foreach (var parameter in parameters)
                {
                    select.Parameters.Add(parameter.Clone());
                }

                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4)));
                }
            }

            if (rows.Count == 0)
            {
                return (customers, changed);
            }

            after = rows[^1].Seq;
            var keys = await protection.KeysForAsync(region, rows.Select(row => row.Pii), cancellationToken).ConfigureAwait(false);
            var seqs = new List<long>();
            var documents = new List<byte[]>();
            var withText = new List<bool>();
            foreach (var row in rows)
            {
                var key = keys[FieldCipher.KeyIdOf(row.Pii)];
                var binding = PersonalFields.EventBinding(row.Source, row.EventId);
                var fields = PersonalFields.FromUtf8(FieldCipher.Decrypt(key, binding, row.Pii));
                if (change(fields) is not { } updated)
                {
                    continue;
                }

                seqs.Add(row.Seq);
                documents.Add(FieldCipher.Encrypt(key, binding, updated.ToUtf8()));
                withText.Add(updated.Text is not null);
                customers.Add(row.CustomerId);
            }

            if (seqs.Count > 0)
            {
                // One statement per page, not one round trip per event.
                await using var update = new NpgsqlCommand(
                    "update events e set pii = u.pii, has_text = u.has_text from unnest($1::bigint[], $2::bytea[], $3::boolean[]) as u(seq, pii, has_text) where e.seq = u.seq",
                    connection, transaction);
                update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. seqs] });
                update.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. documents] });
                update.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. withText] });
                changed += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
