using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Identity.Auditing;

/// <summary>
/// One record per login attempt, written before the answer leaves (fail closed: no session without its record).
/// A name that matched no account is stored only as a keyed pseudonym (<c>unknown-user:pn1-…</c>); passwords and
/// one-time codes are never passed here.
/// </summary>
public sealed class SignInAudit(IdentityAudit audit, SubjectPseudonyms pseudonyms)
{
    public const string PasswordResource = "login/password";

    public async Task RecordAsync(HttpContext context, string typedName, SignInOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        context.MarkRecorded();
        var account = outcome.User ?? outcome.Attempted;
        var actor = account is null
            ? new AuditActor("unknown-user:" + pseudonyms.OfTypedName(typedName), [])
            : await audit.ActorAsync(account).ConfigureAwait(false);
        var entry = outcome.User is not null
            ? new AuditEntry(AuditActions.LoginSucceeded, PasswordResource, AuditOutcome.Allowed)
            {
                Detail = "method=password" + (outcome.UsedSecondFactor ? "+totp" : ""),
            }
            : new AuditEntry(outcome.LockedNow ? AuditActions.LoginLockout : AuditActions.LoginFailed, PasswordResource, AuditOutcome.Denied)
            {
                Detail = "reason=" + outcome.Reason,
            };
        await audit.RecordAsync(entry with { Actor = actor }).ConfigureAwait(false);
    }

    /// <summary>A logout at <c>/connect/logout</c>: the signed-in user, or anonymous when no session was open.</summary>
    public async Task RecordLogoutAsync(HttpContext context, CemUser? user)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.MarkRecorded();
        var actor = user is null ? AuditActor.Anonymous : await audit.ActorAsync(user).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEntry(AuditActions.Logout, "login/session", AuditOutcome.Allowed)
        {
            Actor = actor,
            Detail = user is null ? "session=none" : "session=ended",
        }).ConfigureAwait(false);
    }
}
