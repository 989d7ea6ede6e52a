namespace CemOnPrem.Audit.Chain;

/// <summary>
/// The chain no longer extends the last signed checkpoint: records it covers were deleted or rewritten (by someone
/// with the database's superuser rights, or a restore that lost committed records). <see cref="BrokenAt"/> is the first
/// sequence that is missing or differs; one finding is one <see cref="BrokenAt"/> and <see cref="Kind"/>.
/// </summary>
public sealed record AuditChainBreak(long BrokenAt, AuditChainBreakKind Kind, long CheckpointSequence, string Reason)
{
    public bool IsSameFinding(AuditChainBreak? other) => other is not null && other.BrokenAt == BrokenAt && other.Kind == Kind;

    public static AuditChainBreak TailDeleted(long firstMissing, long checkpoint) => new(firstMissing, AuditChainBreakKind.CheckpointedRecordMissing, checkpoint,
        $"records {firstMissing} to {checkpoint} are missing, though a signed checkpoint says the chain reached {checkpoint} (the tail was deleted).");

    public static AuditChainBreak Rewritten(long checkpoint) => new(checkpoint, AuditChainBreakKind.CheckpointedRecordRewritten, checkpoint,
        $"record {checkpoint} differs from the signed checkpoint at that sequence (it was rewritten, or deleted and its number used again).");

    public static AuditChainBreak MissingAfter(long checkpoint, long recordsAfter, long head) => new(checkpoint + 1, AuditChainBreakKind.RecordsAfterCheckpointMissing, checkpoint,
        $"records after the signed checkpoint at {checkpoint} are missing: {recordsAfter} are stored up to {head} (audit verify names the first).");
}
