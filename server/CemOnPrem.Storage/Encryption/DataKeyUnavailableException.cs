using System.Security.Cryptography;

namespace CemOnPrem.Storage.Encryption;

/// <summary>A row names a data key that no longer exists: its customer was erased (crypto-shredded).</summary>
public sealed class DataKeyUnavailableException(string region, Guid keyId)
    : CryptographicException($"Data key {keyId} of region '{region}' does not exist (erased).")
{
    public Guid KeyId { get; } = keyId;
}
