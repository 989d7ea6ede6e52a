namespace CemOnPrem.Storage.Encryption;

/// <summary>A data key as stored in <c>customer_keys</c>: wrapped by the region's KEK of the given version.</summary>
public sealed record WrappedKey(Guid KeyId, int KekVersion, byte[] Wrapped);

/// <summary>
/// Active key rows a caller read in its own transaction (the writer reads them with the identities' owners, saving a
/// round trip), by customer. <paramref name="forgetsBeforeRead"/> is <see cref="FieldProtection.ForgetCount"/> taken
/// before that read: a key forgotten since then (an erasure) is used for this transaction but not cached.
/// </summary>
public sealed class StoredKeys(long forgetsBeforeRead)
{
    public long ForgetsBeforeRead { get; } = forgetsBeforeRead;

    public Dictionary<string, WrappedKey> ByCustomer { get; } = new(StringComparer.Ordinal);
}
