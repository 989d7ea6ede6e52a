using System.Security.Cryptography;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>The checkpoint signing key of this node (one instance, disposed with the host).</summary>
public sealed class AuditSigningKey(ECDsa key) : IDisposable
{
    public ECDsa Key { get; } = key;

    public void Dispose() => Key.Dispose();
}
