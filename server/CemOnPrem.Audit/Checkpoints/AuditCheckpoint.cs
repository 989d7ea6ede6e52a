namespace CemOnPrem.Audit.Checkpoints;

/// <summary>
/// A signed statement "the chain had reached <see cref="Sequence"/> with <see cref="Hash"/>". Exported as JSON
/// (hash and signature in base64) for write-once storage off site.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash, DateTimeOffset SignedAt, string KeyId, string Algorithm, byte[] Signature);
