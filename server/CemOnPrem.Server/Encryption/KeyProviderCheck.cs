using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Dapper;

namespace CemOnPrem.Server.Encryption;

/// <summary>
/// Start-up check (after the migrations, before the silo and ingest): for each region, one data key per KEK version
/// in use must unwrap with the configured key provider. A node pointed at an empty or wrong key folder would
/// otherwise create a fresh KEK, write new data under it and fail every read of the old data; it stops instead.
/// </summary>
public sealed class KeyProviderCheck(RegionDatabases regions, FieldProtection protection) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var samples = await connection.QueryAsync<(Guid KeyId, int KekVersion, byte[] Wrapped)>(
                "select distinct on (kek_version) key_id, kek_version, wrapped from customer_keys order by kek_version, key_id").ConfigureAwait(false);
            var versions = await protection.Keks.VersionsAsync(region, cancellationToken).ConfigureAwait(false);
            foreach (var sample in samples)
            {
                if (!versions.Contains(sample.KekVersion))
                {
                    throw new InvalidOperationException(
                        $"Region '{region}' holds data keys wrapped by KEK version {sample.KekVersion}, which the key provider does not have. " +
                        "Point Cem:Privacy:KeyDirectory (or the HSM/Vault provider) at this deployment's keys, or restore them from the key backup.");
                }

                try
                {
                    await protection.Keks.UnwrapAsync(region, sample.KekVersion, sample.Wrapped, FieldProtection.WrapBinding(region, sample.KeyId), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    throw new InvalidOperationException(
                        $"Region '{region}': KEK version {sample.KekVersion} of the key provider does not unwrap this region's data keys (another deployment's keys?). " +
                        "Point Cem:Privacy:KeyDirectory (or the HSM/Vault provider) at this deployment's keys, or restore them from the key backup.");
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
