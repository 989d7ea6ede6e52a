using System.Diagnostics;
using CemOnPrem.Audit;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;

namespace CemOnPrem.Cli.Identity;

/// <summary>
/// cemctl's records: appended to the server's chain through the Audit library's appender, whose store takes the
/// chain's advisory lock, so records from cemctl and from running nodes interleave in one total order. The actor
/// is the operator's account on this machine (<c>operator:{name}</c>): cemctl has no signed-in user.
/// </summary>
internal sealed class OperatorAuditTrail(AuditAppender appender, TimeProvider clock) : IAuditTrail
{
    public static AuditActor Operator { get; } = new("operator:" + Environment.UserName, []);

    public Task<AuditRecord> RecordAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Subject is not null)
        {
            // cemctl holds no pseudonym key, so it must never be asked to record a customer.
            throw new InvalidOperationException("cemctl records no data subjects.");
        }

        return appender.AppendAsync(new AuditDraft(clock.GetUtcNow(), entry.Actor ?? Operator, entry.Action, entry.Resource, null,
            entry.Region, entry.Purpose, entry.Outcome, entry.TraceId ?? Activity.Current?.TraceId.ToHexString(), entry.Detail));
    }
}
