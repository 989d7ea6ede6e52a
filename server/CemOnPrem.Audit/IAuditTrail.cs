using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit;

/// <summary>
/// Records one audited action and returns once it is committed in the chain. Throws
/// <see cref="Chain.AuditUnavailableException"/> when it cannot be committed: let it propagate, so
/// the access fails closed (503) instead of going ahead unrecorded.
/// </summary>
public interface IAuditTrail
{
    Task<AuditRecord> RecordAsync(AuditEntry entry);
}
