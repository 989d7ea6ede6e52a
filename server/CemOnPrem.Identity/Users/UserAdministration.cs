using System.Security.Claims;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Users;

/// <summary>Creating, disabling and re-enrolling people (used by <c>cemctl users</c> and the development bootstrap).</summary>
public sealed class UserAdministration(UserManager<CemUser> users, RoleManager<IdentityRole> roles, IOpenIddictTokenManager tokens)
{
    /// <exception cref="IdentityAdministrationException">The request breaks a rule (password policy, unknown role, no scope).</exception>
    public async Task<NewUser> AddAsync(UserDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var unknown = draft.Roles.Where(role => !CemRoles.All.Contains(role)).ToList();
        if (draft.Roles.Count == 0 || unknown.Count > 0)
        {
            throw new IdentityAdministrationException($"roles: give at least one of {string.Join(", ", CemRoles.All)}" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "") + ".");
        }

        if (draft.Regions.Count == 0 || draft.OrgUnits.Count == 0)
        {
            throw new IdentityAdministrationException("scope: every user needs at least one region and one org unit (its subtree).");
        }

        var user = new CemUser { UserName = draft.UserName, LockoutEnabled = true };
        Check(await users.CreateAsync(user, draft.Password).ConfigureAwait(false));
        await EnsureRolesAsync().ConfigureAwait(false);
        Check(await users.AddToRolesAsync(user, draft.Roles).ConfigureAwait(false));
        var claims = draft.OrgUnits.Select(code => new Claim(CemClaims.OrgUnit, code))
            .Concat(draft.Regions.Select(region => new Claim(CemClaims.Region, region)));
        Check(await users.AddClaimsAsync(user, claims).ConfigureAwait(false));
        var key = draft.Roles.Any(CemRoles.RequiringSecondFactor.Contains) ? await EnrolSecondFactorAsync(user).ConfigureAwait(false) : null;
        return new NewUser(user.Id, user.UserName!, key);
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
    }

    /// <summary>A new TOTP key (the old authenticator stops working); the user's tokens are revoked.</summary>
    public async Task<SecondFactorKey> ResetSecondFactorAsync(string userName, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userName).ConfigureAwait(false);
        var key = await EnrolSecondFactorAsync(user).ConfigureAwait(false);
        await tokens.RevokeBySubjectAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return key;
    }

    public async Task ResetPasswordAsync(string userName, string password)
    {
        var user = await FindAsync(userName).ConfigureAwait(false);
        Check(await users.RemovePasswordAsync(user).ConfigureAwait(false));
        Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false));
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
