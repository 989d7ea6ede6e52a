using System.Security.Cryptography;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The data key of a case without a customer (<c>case_keys</c>, R0081): random 256-bit, stored only wrapped by the
/// region's KEK, bound to its region and id like a customer key. Created with the case's first personal text.
/// </summary>
internal sealed class CaseKeys(FieldProtection protection)
{
    private const int KeySize = 32;

    public static byte[] WrapBinding(string region, Guid keyId) => WrappedKeyTables.Binding(WrappedKeyTables.CaseKeys, region, keyId);

    public async Task<DataKey> ForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, string caseId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(connection, transaction, region, caseId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var material = RandomNumberGenerator.GetBytes(KeySize);
        var key = new DataKey(Guid.CreateVersion7(), material);
        var version = await protection.Keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var wrapped = await protection.Keks.WrapAsync(region, version, material, WrapBinding(region, key.KeyId), cancellationToken).ConfigureAwait(false);
        // The case row is locked by the caller's update, so no other writer creates a key for it meanwhile.
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into case_keys (case_id, region, key_id, kek_version, wrapped) values (@caseId, @region, @keyId, @version, @wrapped)",
            new { caseId, region, keyId = key.KeyId, version, wrapped }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return key;
    }

    public async Task<DataKey?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, string caseId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(Guid KeyId, int KekVersion, byte[] Wrapped)?>(new CommandDefinition(
            "select key_id, kek_version, wrapped from case_keys where case_id = @caseId", new { caseId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } stored)
        {
            return null;
        }

        var material = await protection.Keks.UnwrapAsync(region, stored.KekVersion, stored.Wrapped, WrapBinding(region, stored.KeyId), cancellationToken).ConfigureAwait(false);
        return new DataKey(stored.KeyId, material);
    }
}
