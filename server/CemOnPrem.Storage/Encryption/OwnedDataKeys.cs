using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Data keys of records without a customer (a case, an anonymous survey response): one random 256-bit key per owner row,
/// stored only wrapped by the region's KEK in <paramref name="table"/> (columns <paramref name="ownerColumn"/>, region,
/// key_id, kek_version, wrapped) and bound to the table, region and key id like a customer's key. The table must be one
/// of <see cref="WrappedKeyTables"/>, so KEK rotation re-wraps its keys. Deleting the row
/// shreds the owner's text.
/// </summary>
public sealed class OwnedDataKeys(FieldProtection protection, string table, string ownerColumn)
{
    private const int KeySize = 32;

    public byte[] WrapBinding(string region, Guid keyId) => WrappedKeyTables.Binding(table, region, keyId);

    /// <summary>The owner's key, made on first use; the caller holds a lock on the owner's row, so no other writer makes one meanwhile.</summary>
    public async Task<DataKey> ForWriteAsync<TOwner>(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, TOwner owner, CancellationToken cancellationToken)
    {
        if (await ReadAsync(connection, transaction, region, owner, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var material = RandomNumberGenerator.GetBytes(KeySize);
        var key = new DataKey(Guid.CreateVersion7(), material);
        var version = await protection.Keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var wrapped = await protection.Keks.WrapAsync(region, version, material, WrapBinding(region, key.KeyId), cancellationToken).ConfigureAwait(false);
        // Table and column names come from the constructor's constants, never from input.
        await connection.ExecuteAsync(new CommandDefinition(
            $"insert into {table} ({ownerColumn}, region, key_id, kek_version, wrapped) values (@owner, @region, @keyId, @version, @wrapped)",
            new { owner, region, keyId = key.KeyId, version, wrapped }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return key;
    }

    public async Task<DataKey?> ReadAsync<TOwner>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, TOwner owner, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(Guid KeyId, int KekVersion, byte[] Wrapped)?>(new CommandDefinition(
            $"select key_id, kek_version, wrapped from {table} where {ownerColumn} = @owner", new { owner }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } stored)
        {
            return null;
        }

        var material = await protection.Keks.UnwrapAsync(region, stored.KekVersion, stored.Wrapped, WrapBinding(region, stored.KeyId), cancellationToken).ConfigureAwait(false);
        return new DataKey(stored.KeyId, material);
    }
}
