namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// An unwrapped per-customer data key (AES-256). Lives in memory only (a bounded cache); <see cref="ToString"/>
/// names the key id, never the bytes, so a key cannot end up in a log by accident.
/// </summary>
public sealed class DataKey(Guid keyId, byte[] material)
{
    public Guid KeyId { get; } = keyId;

    internal byte[] Material { get; } = material;

    public override string ToString() => $"DataKey {KeyId}";
}
