namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// The per-region key-encryption keys (KEK) and blind-index keys. Data keys are only ever stored wrapped by a KEK;
/// the KEK itself never reaches the database. Implementations: <see cref="FileKeyEncryptionKeyProvider"/> for
/// development and tests; an HSM (PKCS#11) or Vault transit provider implements the same calls, keeping the KEK
/// inside the device and doing the wrap/unwrap there.
/// </summary>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>The KEK version new data keys are wrapped with (created on first use).</summary>
    ValueTask<int> CurrentVersionAsync(string region, CancellationToken cancellationToken);

    /// <summary>Every KEK version the region has, oldest first.</summary>
    ValueTask<IReadOnlyList<int>> VersionsAsync(string region, CancellationToken cancellationToken);

    /// <summary>Creates the next KEK version and makes it current; older versions stay available for unwrapping.</summary>
    ValueTask<int> CreateVersionAsync(string region, CancellationToken cancellationToken);

    /// <summary>Encrypts a data key under KEK <paramref name="version"/>, bound to <paramref name="associatedData"/>.</summary>
    ValueTask<byte[]> WrapAsync(string region, int version, ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);

    /// <exception cref="System.Security.Cryptography.CryptographicException">Wrong version, associated data or tampered bytes.</exception>
    ValueTask<byte[]> UnwrapAsync(string region, int version, ReadOnlyMemory<byte> wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);

    /// <summary>
    /// The region's HMAC key for identity blind indexes. Handed out (not used inside the provider) because ingest
    /// computes thousands of indexes per second; a KMS provider derives it from a key that stays in the KMS.
    /// It never rotates with the KEK: a new HMAC key would orphan every stored index.
    /// </summary>
    ValueTask<byte[]> BlindIndexKeyAsync(string region, CancellationToken cancellationToken);
}
