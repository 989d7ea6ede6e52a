using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Encrypts and decrypts a case's personal text (notes, root-cause text, the resolution summary): AES-256-GCM under
/// the customer's data key, so erasing the customer crypto-shreds it with the rest of their data; a case without a
/// customer uses its own key (<see cref="CaseKeys"/>). The associated data names table, column and row.
/// </summary>
internal sealed class CaseText(FieldProtection protection, CaseKeys caseKeys)
{
    public static string RootCauseBinding(string caseId) => $"cases|root_cause_text|{caseId}";

    public static string HistoryBinding(string caseId, long entryId) => $"case_history|text|{caseId}/{entryId}";

    public async Task<DataKey> KeyForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, string caseId, string? customerId,
        CancellationToken cancellationToken)
    {
        if (customerId is null)
        {
            return await caseKeys.ForWriteAsync(connection, transaction, region, caseId, cancellationToken).ConfigureAwait(false);
        }

        var keys = await protection.ActiveKeysAsync(connection, transaction, region, [customerId], new StoredKeys(protection.ForgetCount), cancellationToken)
            .ConfigureAwait(false);
        return keys.TryGetValue(customerId, out var key) ? key : throw new DataKeyUnavailableException(region, Guid.Empty);
    }

    /// <summary>Decrypts each envelope; one whose key is gone (the customer was erased) reads as null.</summary>
    public async Task<IReadOnlyList<string?>> DecryptAsync(NpgsqlConnection connection, string region, string caseId, string? customerId,
        IReadOnlyList<(byte[]? Envelope, string Binding)> texts, CancellationToken cancellationToken)
    {
        var present = texts.Where(t => t.Envelope is not null).Select(t => t.Envelope!).ToList();
        if (present.Count == 0)
        {
            return [.. texts.Select(_ => (string?)null)];
        }

        IReadOnlyDictionary<Guid, DataKey> keys;
        if (customerId is null)
        {
            var own = await caseKeys.ReadAsync(connection, null, region, caseId, cancellationToken).ConfigureAwait(false);
            keys = own is null ? new Dictionary<Guid, DataKey>() : new Dictionary<Guid, DataKey> { [own.KeyId] = own };
        }
        else
        {
            try
            {
                keys = await protection.KeysForAsync(region, present, cancellationToken).ConfigureAwait(false);
            }
            catch (DataKeyUnavailableException)
            {
                keys = new Dictionary<Guid, DataKey>();
            }
        }

        return [.. texts.Select(t => t.Envelope is { } envelope && keys.TryGetValue(FieldCipher.KeyIdOf(envelope), out var key)
            ? System.Text.Encoding.UTF8.GetString(FieldCipher.Decrypt(key, t.Binding, envelope))
            : null)];
    }
}
