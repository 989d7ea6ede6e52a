using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The data key of a response without a customer (<c>survey_response_keys</c>, R0091): random 256-bit, stored only
/// wrapped by the region's KEK and bound to its region and id, like a customer's or a case's key. One per response, so
/// deleting the response (retention) deletes the only way to read its text, and no two anonymous respondents share one.
/// </summary>
internal sealed class ResponseKeys(FieldProtection protection)
{
    private const int KeySize = 32;

    public static byte[] WrapBinding(string region, Guid keyId) => Encoding.UTF8.GetBytes($"survey_response_keys|{region}|{keyId:N}");

    /// <summary>The response's key, made on its first text; the caller holds the invitation's row lock, so no one else makes one meanwhile.</summary>
    public async Task<DataKey> ForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, Guid responseId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(connection, transaction, region, responseId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var material = RandomNumberGenerator.GetBytes(KeySize);
        var key = new DataKey(Guid.CreateVersion7(), material);
        var version = await protection.Keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var wrapped = await protection.Keks.WrapAsync(region, version, material, WrapBinding(region, key.KeyId), cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into survey_response_keys (response_id, region, key_id, kek_version, wrapped) values (@responseId, @region, @keyId, @version, @wrapped)",
            new { responseId, region, keyId = key.KeyId, version, wrapped }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return key;
    }

    public async Task<DataKey?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, Guid responseId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(Guid KeyId, int KekVersion, byte[] Wrapped)?>(new CommandDefinition(
            "select key_id, kek_version, wrapped from survey_response_keys where response_id = @responseId", new { responseId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } stored)
        {
            return null;
        }

        var material = await protection.Keks.UnwrapAsync(region, stored.KekVersion, stored.Wrapped, WrapBinding(region, stored.KeyId), cancellationToken).ConfigureAwait(false);
        return new DataKey(stored.KeyId, material);
    }
}
