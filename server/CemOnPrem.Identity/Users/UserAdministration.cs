using System.Security.Claims;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Validation;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Users;

/// <summary>
/// Creating, disabling, re-scoping and re-enrolling people (used by <c>cemctl users</c> and the development bootstrap).
/// Every change is recorded in the audit trail right after it is committed; if that record fails the caller sees
/// the <see cref="CemOnPrem.Audit.Chain.AuditUnavailableException"/> (and a retry is recorded).
/// </summary>
public sealed class UserAdministration(UserManager<CemUser> users, RoleManager<IdentityRole> roles, IOpenIddictTokenManager tokens, IdentityAudit audit, ValidatedTokenCache validated)
{
    /// <exception cref="IdentityAdministrationException">The request breaks a rule (password policy, unknown role, no scope).</exception>
    public async Task<NewUser> AddAsync(UserDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        CheckRoles(draft.Roles);
        CheckScope(draft.OrgUnits, draft.Regions);

        var user = await CreateAsync(draft.UserName, draft.Password, draft.Roles, draft.OrgUnits, draft.Regions).ConfigureAwait(false);
        var key = draft.Roles.Any(CemRoles.RequiringSecondFactor.Contains) ? await EnrolSecondFactorAsync(user).ConfigureAwait(false) : null;
        if (key is not null)
        {
            await audit.UserChangedAsync(AuditActions.UserMfaEnrol, user, "method=totp").ConfigureAwait(false);
        }

        return new NewUser(user.Id, user.UserName!, key);
    }

    /// <summary>
    /// A user without a password who signs in only through the bank's IdP (just-in-time federation): roles and
    /// scope come from the configured mapping.
    /// </summary>
    internal async Task<CemUser> AddFederatedAsync(string userName, UserLoginInfo login, IReadOnlyList<string> roleNames, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        var user = await CreateAsync(userName, null, roleNames, orgUnits, regions, login.LoginProvider).ConfigureAwait(false);
        Check(await users.AddLoginAsync(user, login).ConfigureAwait(false));
        return user;
    }

    private async Task<CemUser> CreateAsync(string userName, string? password, IReadOnlyList<string> roleNames, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions,
        string? federation = null)
    {
        var user = new CemUser { UserName = userName, LockoutEnabled = true };
        Check(password is null ? await users.CreateAsync(user).ConfigureAwait(false) : await users.CreateAsync(user, password).ConfigureAwait(false));
        await EnsureRolesAsync().ConfigureAwait(false);
        Check(await users.AddToRolesAsync(user, roleNames).ConfigureAwait(false));
        Check(await users.AddClaimsAsync(user, ScopeClaims(orgUnits, regions)).ConfigureAwait(false));
        await audit.UserChangedAsync(AuditActions.UserAdd, user,
            IdentityAudit.Roles(roleNames) + "; " + IdentityAudit.Scope(orgUnits, regions) + (federation is null ? "" : "; federation=" + federation)).ConfigureAwait(false);
        return user;
    }

    /// <summary>Replaces a user's roles; new tokens (issue, refresh) carry them, so they apply within one access-token lifetime.</summary>
    public async Task SetRolesAsync(string userName, IReadOnlyList<string> roleNames)
    {
        ArgumentNullException.ThrowIfNull(roleNames);
        CheckRoles(roleNames);
        await ReplaceRolesAsync(await FindAsync(userName).ConfigureAwait(false), roleNames).ConfigureAwait(false);
    }

    /// <summary>A federated user's roles and scope follow the IdP's groups at every sign-in; only real changes are recorded.</summary>
    internal async Task SyncFederatedAsync(CemUser user, IReadOnlyList<string> roleNames, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        await ReplaceRolesAsync(user, roleNames).ConfigureAwait(false);
        await ReplaceScopeAsync(user, orgUnits, regions).ConfigureAwait(false);
    }

    private async Task ReplaceRolesAsync(CemUser user, IReadOnlyList<string> roleNames)
    {
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (current.ToHashSet(StringComparer.Ordinal).SetEquals(roleNames))
        {
            return;
        }

        await EnsureRolesAsync().ConfigureAwait(false);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roleNames, StringComparer.Ordinal)).ConfigureAwait(false));
        Check(await users.AddToRolesAsync(user, roleNames.Except(current, StringComparer.Ordinal)).ConfigureAwait(false));
        await audit.UserChangedAsync(AuditActions.UserRolesChange, user, "from " + IdentityAudit.Roles(current) + "; to " + IdentityAudit.Roles(roleNames)).ConfigureAwait(false);
    }

    /// <summary>Replaces a user's scope (org-unit subtrees and regions).</summary>
    public async Task SetScopeAsync(string userName, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(orgUnits);
        ArgumentNullException.ThrowIfNull(regions);
        CheckScope(orgUnits, regions);
        await ReplaceScopeAsync(await FindAsync(userName).ConfigureAwait(false), orgUnits, regions).ConfigureAwait(false);
    }

    private async Task ReplaceScopeAsync(CemUser user, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        var current = (await users.GetClaimsAsync(user).ConfigureAwait(false)).Where(claim => claim.Type is CemClaims.OrgUnit or CemClaims.Region).ToList();
        if (current.Where(c => c.Type == CemClaims.OrgUnit).Select(c => c.Value).ToHashSet(StringComparer.Ordinal).SetEquals(orgUnits)
            && current.Where(c => c.Type == CemClaims.Region).Select(c => c.Value).ToHashSet(StringComparer.Ordinal).SetEquals(regions))
        {
            return;
        }

        Check(await users.RemoveClaimsAsync(user, current).ConfigureAwait(false));
        Check(await users.AddClaimsAsync(user, ScopeClaims(orgUnits, regions)).ConfigureAwait(false));
        await audit.UserChangedAsync(AuditActions.UserScopeChange, user,
            "from " + IdentityAudit.Scope(current.Where(c => c.Type == CemClaims.OrgUnit).Select(c => c.Value), current.Where(c => c.Type == CemClaims.Region).Select(c => c.Value)) +
            "; to " + IdentityAudit.Scope(orgUnits, regions)).ConfigureAwait(false);
    }

    private static IEnumerable<Claim> ScopeClaims(IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions) =>
        orgUnits.Select(code => new Claim(CemClaims.OrgUnit, code)).Concat(regions.Select(region => new Claim(CemClaims.Region, region)));

    private static void CheckRoles(IReadOnlyList<string> roleNames)
    {
        var unknown = roleNames.Where(role => !CemRoles.All.Contains(role)).ToList();
        if (roleNames.Count == 0 || unknown.Count > 0)
        {
            throw new IdentityAdministrationException($"roles: give at least one of {string.Join(", ", CemRoles.All)}" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "") + ".");
        }
    }

    private static void CheckScope(IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        if (regions.Count == 0 || orgUnits.Count == 0)
        {
            throw new IdentityAdministrationException("scope: every user needs at least one region and one org unit (its subtree).");
        }
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in CemRoles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false));
            }
        }
    }

    /// <summary>Disables the user and revokes their tokens, so their next API call is refused.</summary>
    public async Task DisableAsync(string userName, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userName).ConfigureAwait(false);
        user.Disabled = true;
        Check(await users.UpdateAsync(user).ConfigureAwait(false));
        Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false));
        await tokens.RevokeBySubjectAsync(user.Id, cancellationToken).ConfigureAwait(false);
        validated.Clear();
        await audit.UserChangedAsync(AuditActions.UserDisable, user, "tokens=revoked").ConfigureAwait(false);
    }

    /// <summary>A new TOTP key (the old authenticator stops working); the user's tokens are revoked.</summary>
    public async Task<SecondFactorKey> ResetSecondFactorAsync(string userName, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userName).ConfigureAwait(false);
        var key = await EnrolSecondFactorAsync(user).ConfigureAwait(false);
        await tokens.RevokeBySubjectAsync(user.Id, cancellationToken).ConfigureAwait(false);
        validated.Clear();
        await audit.UserChangedAsync(AuditActions.UserMfaReset, user, "method=totp; tokens=revoked").ConfigureAwait(false);
        return key;
    }

    public async Task ResetPasswordAsync(string userName, string password)
    {
        var user = await FindAsync(userName).ConfigureAwait(false);
        Check(await users.RemovePasswordAsync(user).ConfigureAwait(false));
        Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false));
        await audit.UserChangedAsync(AuditActions.UserPasswordReset, user, "password=replaced").ConfigureAwait(false);
    }

    /// <summary>
    /// Links a local user to their account at a federated IdP (<c>Cem:Identity:Federation:{provider}</c>, subject = the
    /// IdP's <c>sub</c>): they may then sign in there; their roles and scope follow the configured mapping from then on.
    /// </summary>
    public async Task LinkFederatedAsync(string userName, string provider, string subject)
    {
        if (string.IsNullOrWhiteSpace(provider) || string.IsNullOrWhiteSpace(subject))
        {
            throw new IdentityAdministrationException("link: give the provider's name and the person's subject at that provider.");
        }

        var user = await FindAsync(userName).ConfigureAwait(false);
        if (await users.FindByLoginAsync(provider, subject).ConfigureAwait(false) is { } linked)
        {
            throw new IdentityAdministrationException(linked.Id == user.Id
                ? $"user '{userName}' is linked to that {provider} account already."
                : $"that {provider} account is linked to another user.");
        }

        Check(await users.AddLoginAsync(user, new UserLoginInfo(provider, subject, provider)).ConfigureAwait(false));
        await audit.UserChangedAsync(AuditActions.UserFederationLink, user, "provider=" + provider).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string userName) => await users.FindByNameAsync(userName).ConfigureAwait(false) is not null;

    private async Task<SecondFactorKey> EnrolSecondFactorAsync(CemUser user)
    {
        Check(await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false));
        Check(await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false));
        var secret = (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false))!;
        var label = Uri.EscapeDataString($"CemOnPrem:{user.UserName}");
        return new SecondFactorKey(secret, $"otpauth://totp/{label}?secret={secret}&issuer=CemOnPrem&digits=6&period=30");
    }

    private async Task<CemUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName).ConfigureAwait(false) ?? throw new IdentityAdministrationException($"user '{userName}' does not exist.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new IdentityAdministrationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
