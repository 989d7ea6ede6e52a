namespace CemOnPrem.Audit.Records;

/// <summary>One stored link of the chain, exactly as hashed.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset RecordedAt,
    string Actor,
    IReadOnlyList<string> Roles,
    string Action,
    string Resource,
    string? Subject,
    string? Region,
    string? Purpose,
    string Outcome,
    string? TraceId,
    string? Detail,
    byte[] PreviousHash,
    byte[] Hash);
