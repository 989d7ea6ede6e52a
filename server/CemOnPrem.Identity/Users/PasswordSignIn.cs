using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CemOnPrem.Identity.Users;

/// <summary>
/// The login check: password, lockout, and the TOTP second factor for users who have it (always for admin and
/// compliance). Unknown user, disabled user and wrong password get the same answer.
/// </summary>
public sealed class PasswordSignIn(UserManager<CemUser> users)
{
    public async Task<SignInOutcome> CheckAsync(string userName, string password, string? oneTimeCode)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null || user.Disabled)
        {
            return SignInOutcome.Failed(SignInFailure.WrongCredentials);
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return SignInOutcome.Failed(SignInFailure.LockedOut);
        }

        if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            return SignInOutcome.Failed(await users.IsLockedOutAsync(user).ConfigureAwait(false) ? SignInFailure.LockedOut : SignInFailure.WrongCredentials);
        }

        if (await NeedsSecondFactorAsync(user).ConfigureAwait(false))
        {
            if (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is null)
            {
                return SignInOutcome.Failed(SignInFailure.SecondFactorNotEnrolled);
            }

            var code = (oneTimeCode ?? "").Replace(" ", "", StringComparison.Ordinal);
            if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code).ConfigureAwait(false))
            {
                await users.AccessFailedAsync(user).ConfigureAwait(false);
                return SignInOutcome.Failed(code.Length == 0 ? SignInFailure.SecondFactorRequired : SignInFailure.WrongSecondFactor);
            }
        }

        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return new SignInOutcome(user, null);
    }

    private async Task<bool> NeedsSecondFactorAsync(CemUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            return true;
        }

        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        return roles.Any(CemRoles.RequiringSecondFactor.Contains);
    }
}
