using System.Diagnostics;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit;

/// <summary>
/// Fills in what the caller leaves out — the actor and trace id of the current request ("system"
/// outside one), the time — replaces the subject by its pseudonym, and appends.
/// </summary>
public sealed class AuditTrail(AuditAppender appender, SubjectPseudonyms pseudonyms, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    public Task<AuditRecord> RecordAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var context = http.HttpContext;
        var actor = entry.Actor ?? (context is null ? AuditActor.System : HttpAuditActor.Of(context.User));
        var traceId = entry.TraceId ?? Activity.Current?.TraceId.ToHexString() ?? context?.TraceIdentifier;
        var draft = new AuditDraft(clock.GetUtcNow(), actor, entry.Action, entry.Resource,
            entry.Subject is null ? null : pseudonyms.Of(entry.Subject), entry.Region, entry.Purpose, entry.Outcome, traceId, entry.Detail);
        return appender.AppendAsync(draft);
    }
}
