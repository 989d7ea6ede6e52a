using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit.Chain;

/// <summary>A record before it joins the chain: everything but its sequence and hashes.</summary>
public sealed record AuditDraft(
    DateTimeOffset RecordedAt,
    AuditActor Actor,
    string Action,
    string Resource,
    string? Subject,
    string? Region,
    string? Purpose,
    AuditOutcome Outcome,
    string? TraceId,
    string? Detail)
{
    public AuditRecord Link(long sequence, byte[] previousHash)
    {
        // The separator the store joins roles with cannot be part of a role, or the stored roles would not hash the same.
        var roles = Actor.Roles.Select(role => role.Replace(AuditChainStore.RoleSeparator, '\uFFFD')).ToArray();
        var unhashed = new AuditRecord(sequence, AuditRecordHash.ToStoredPrecision(RecordedAt), Actor.Id, roles, Action, Resource,
            Subject, Region, Purpose, Outcome.ToText(), TraceId, Detail, previousHash, []);
        return unhashed with { Hash = AuditRecordHash.Compute(unhashed) };
    }
}
