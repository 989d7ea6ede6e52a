using CemOnPrem.Audit.Checkpoints;

namespace CemOnPrem.Audit.Http;

/// <summary>A checkpoint as exported (JSON; hash hex, signature base64) and read back by <c>cemctl audit verify --checkpoints</c>.</summary>
public sealed record CheckpointDocument(long Sequence, string Hash, DateTimeOffset SignedAt, string KeyId, string Algorithm, string Signature)
{
    public static CheckpointDocument From(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.Hash), checkpoint.SignedAt, checkpoint.KeyId, checkpoint.Algorithm,
            Convert.ToBase64String(checkpoint.Signature));
    }

    /// <exception cref="FormatException">The hash or signature is not well formed.</exception>
    public AuditCheckpoint ToCheckpoint() =>
        new(Sequence, Convert.FromHexString(Hash), SignedAt, KeyId, Algorithm, Convert.FromBase64String(Signature));
}

/// <summary>The export file: every checkpoint plus the public key that verifies them.</summary>
public sealed record CheckpointExport(string KeyId, string PublicKeyPem, IReadOnlyList<CheckpointDocument> Checkpoints);
