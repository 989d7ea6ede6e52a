using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Encrypts and decrypts a response's free text (text answers, an option's "please specify"): AES-256-GCM under the
/// customer's data key, so erasing the customer crypto-shreds it with the rest of their data; a response without a
/// customer uses its own key (<see cref="ResponseKeys"/>). The associated data names table, column, response and key:
/// a ciphertext copied to another answer does not decrypt.
/// </summary>
internal sealed class ResponseText(FieldProtection protection, ResponseKeys responseKeys)
{
    public static string Binding(Guid responseId, string answerKey) => $"survey_answers|text_cipher|{responseId:N}/{answerKey}";

    public async Task<DataKey> KeyForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, Guid responseId, string? customerId,
        CancellationToken cancellationToken)
    {
        if (customerId is null)
        {
            return await responseKeys.ForWriteAsync(connection, transaction, region, responseId, cancellationToken).ConfigureAwait(false);
        }

        var keys = await protection.ActiveKeysAsync(connection, transaction, region, [customerId], new StoredKeys(protection.ForgetCount), cancellationToken)
            .ConfigureAwait(false);
        return keys.TryGetValue(customerId, out var key) ? key : throw new DataKeyUnavailableException(region, Guid.Empty);
    }

    public static byte[] Encrypt(DataKey key, Guid responseId, string answerKey, string text) =>
        FieldCipher.EncryptText(key, Binding(responseId, answerKey), text);

    /// <summary>Decrypts each answer's text; one whose key is gone (the customer was erased) reads as null.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> DecryptAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region,
        Guid responseId, string? customerId, IReadOnlyList<(string AnswerKey, byte[] Envelope)> texts, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (texts.Count == 0)
        {
            return result;
        }

        IReadOnlyDictionary<Guid, DataKey> keys;
        if (customerId is null)
        {
            var own = await responseKeys.ReadAsync(connection, transaction, region, responseId, cancellationToken).ConfigureAwait(false);
            keys = own is null ? new Dictionary<Guid, DataKey>() : new Dictionary<Guid, DataKey> { [own.KeyId] = own };
        }
        else
        {
            try
            {
                keys = await protection.KeysForAsync(region, texts.Select(t => t.Envelope), cancellationToken).ConfigureAwait(false);
            }
            catch (DataKeyUnavailableException)
            {
                keys = new Dictionary<Guid, DataKey>();
            }
        }

        foreach (var (answerKey, envelope) in texts)
        {
            result[answerKey] = keys.TryGetValue(FieldCipher.KeyIdOf(envelope), out var key) ? Decrypted(key, responseId, answerKey, envelope) : null;
        }

        return result;
    }

    private static string? Decrypted(DataKey key, Guid responseId, string answerKey, byte[] envelope)
    {
        try
        {
            return Encoding.UTF8.GetString(FieldCipher.Decrypt(key, Binding(responseId, answerKey), envelope));
        }
        catch (CryptographicException)
        {
            // Tampered or moved bytes read as unreadable text, like a shredded key: never as someone else's answer.
            return null;
        }
    }
}
