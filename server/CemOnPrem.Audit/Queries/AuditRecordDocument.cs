using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit.Queries;

/// <summary>A record as the compliance API shows and exports it (hashes in hex, so segments can be re-checked offline).</summary>
public sealed record AuditRecordDocument(
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
    string PreviousHash,
    string Hash)
{
    public static AuditRecordDocument From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Sequence, record.RecordedAt, record.Actor, record.Roles, record.Action, record.Resource, record.Subject, record.Region,
            record.Purpose, record.Outcome, record.TraceId, record.Detail, Convert.ToHexStringLower(record.PreviousHash), Convert.ToHexStringLower(record.Hash));
    }
}

/// <summary>One page of a compliance query; pass <see cref="NextAfter"/> as <c>after</c> for the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordDocument> Items, long? NextAfter, string? Subject = null)
{
    public static AuditPage Of(IReadOnlyList<AuditRecord> records, int limit, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new([.. records.Select(AuditRecordDocument.From)], records.Count == limit ? records[^1].Sequence : null, subject);
    }
}
