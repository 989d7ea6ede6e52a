using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Federation;

/// <summary>
/// Turns a person the bank's IdP vouched for into a local user: the external subject is linked to a local user
/// (created just in time when the provider allows it), roles and scope are set from the configured mapping on
/// every sign-in, and the outcome is recorded (<c>login.federated</c>, or <c>login.failed</c> with the reason).
/// </summary>
public sealed partial class FederatedSignIn(
    UserManager<CemUser> users, UserAdministration administration, IdentityAudit audit, SubjectPseudonyms pseudonyms, IOptions<CemIdentityOptions> options)
{
    /// <returns>The signed-in user, or the reason code of the refusal.</returns>
    public async Task<(CemUser? User, string? Refusal)> SignInAsync(HttpContext context, string provider, ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(external);
        context.MarkRecorded();
        var settings = options.Value.Federation[provider];
        var subject = external.FindFirst(Claims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return await RefuseAsync(provider, null, null, "no-subject").ConfigureAwait(false);
        }

        if (FederationMapping.CheckEmail(settings, external) is { } emailRefusal)
        {
            return await RefuseAsync(provider, subject, null, emailRefusal).ConfigureAwait(false);
        }

        var mapping = FederationMapping.Of(settings, external);
        var user = await users.FindByLoginAsync(provider, subject).ConfigureAwait(false);
        if (user is null && !settings.CreateUsers)
        {
            return await RefuseAsync(provider, subject, null, "not-linked").ConfigureAwait(false);
        }

        if (user is not null && (user.Disabled || await users.IsLockedOutAsync(user).ConfigureAwait(false)))
        {
            return await RefuseAsync(provider, subject, user, "disabled").ConfigureAwait(false);
        }

        if (mapping.Roles.Count == 0)
        {
            return await RefuseAsync(provider, subject, user, "no-mapped-role").ConfigureAwait(false);
        }

        if (mapping.OrgUnits.Count == 0 || mapping.Regions.Count == 0)
        {
            return await RefuseAsync(provider, subject, user, "no-mapped-scope").ConfigureAwait(false);
        }

        // Checked before a user is created or synced: a refused sign-in changes nothing here.
        if (FederationMapping.CheckMfa(settings, mapping, external) is { } mfaRefusal)
        {
            return await RefuseAsync(provider, subject, user, mfaRefusal).ConfigureAwait(false);
        }

        if (user is null)
        {
            var name = await FreeUserNameAsync(provider, external.FindFirst(settings.UserNameClaim)?.Value, subject).ConfigureAwait(false);
            user = await administration.AddFederatedAsync(name, new UserLoginInfo(provider, subject, settings.DisplayName), mapping.Roles, mapping.OrgUnits, mapping.Regions)
                .ConfigureAwait(false);
        }
        else
        {
            await administration.SyncFederatedAsync(user, mapping.Roles, mapping.OrgUnits, mapping.Regions).ConfigureAwait(false);
        }

        await audit.RecordAsync(new AuditEntry(AuditActions.LoginFederated, Resource(provider), AuditOutcome.Allowed)
        {
            Actor = await audit.ActorAsync(user).ConfigureAwait(false),
            Detail = "provider=" + provider + "; " + IdentityAudit.Roles(mapping.Roles),
        }).ConfigureAwait(false);
        return (user, null);
    }

    private static string Resource(string provider) => "login/federation/" + provider;

    private async Task<(CemUser?, string?)> RefuseAsync(string provider, string? subject, CemUser? user, string reason)
    {
        // The upstream subject may be an employee number: only its keyed pseudonym is stored.
        var actor = user is not null
            ? await audit.ActorAsync(user).ConfigureAwait(false)
            : new AuditActor("federated:" + provider + ":" + (subject is null ? "none" : pseudonyms.OfTypedName(provider + "\n" + subject)), []);
        await audit.RecordAsync(new AuditEntry(AuditActions.LoginFailed, Resource(provider), AuditOutcome.Denied)
        {
            Actor = actor,
            Detail = "reason=federation-" + reason,
        }).ConfigureAwait(false);
        return (null, reason);
    }

    // "{provider}.{name}" from the upstream's user name when it is usable, else from a digest of the subject.
    private async Task<string> FreeUserNameAsync(string provider, string? upstreamName, string subject)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)).AsSpan(0, 6));
        var local = upstreamName is null ? "" : NotAllowed().Replace(upstreamName, "");
        var name = provider + "." + (local.Length is > 0 and <= 64 ? local : digest);
        return await users.FindByNameAsync(name).ConfigureAwait(false) is null ? name : name + "-" + digest;
    }

    [GeneratedRegex("[^a-zA-Z0-9._@+-]")]
    private static partial Regex NotAllowed();
}
