namespace CemOnPrem.Audit.Chain;

/// <summary>How the chain stopped extending the last signed checkpoint.</summary>
public enum AuditChainBreakKind
{
    /// <summary>The record at the checkpoint's sequence is gone (the tail was deleted).</summary>
    CheckpointedRecordMissing,

    /// <summary>The record at the checkpoint's sequence has another hash (rewritten, or deleted and its number reused).</summary>
    CheckpointedRecordRewritten,

    /// <summary>Sequence numbers after the checkpoint do not continue one by one (records after it were deleted).</summary>
    RecordsAfterCheckpointMissing,
}
