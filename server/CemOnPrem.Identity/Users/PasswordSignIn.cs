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
        if (user is null)
        {
            return SignInOutcome.Failed(SignInFailure.WrongCredentials, null, "unknown-user");
        }

        if (user.Disabled)
        {
            return SignInOutcome.Failed(SignInFailure.WrongCredentials, user, "disabled");
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return SignInOutcome.Failed(SignInFailure.LockedOut, user, "locked-out");
        }

        if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            return await FailAsync(user, SignInFailure.WrongCredentials, "wrong-password").ConfigureAwait(false);
        }

        var secondFactor = await NeedsSecondFactorAsync(user).ConfigureAwait(false);
        if (secondFactor)
        {
            if (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is null)
            {
                return SignInOutcome.Failed(SignInFailure.SecondFactorNotEnrolled, user, "second-factor-not-enrolled");
            }

            var code = (oneTimeCode ?? "").Replace(" ", "", StringComparison.Ordinal);
            if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code).ConfigureAwait(false))
            {
                return code.Length == 0
                    ? await FailAsync(user, SignInFailure.SecondFactorRequired, "second-factor-missing").ConfigureAwait(false)
                    : await FailAsync(user, SignInFailure.WrongSecondFactor, "wrong-second-factor").ConfigureAwait(false);
            }
        }

        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return new SignInOutcome(user, null) { UsedSecondFactor = secondFactor };
    }

    // A counted failure; the attempt that reaches the limit locks the account and says so.
    private async Task<SignInOutcome> FailAsync(CemUser user, SignInFailure failure, string reason)
    {
        await users.AccessFailedAsync(user).ConfigureAwait(false);
        return await users.IsLockedOutAsync(user).ConfigureAwait(false)
            ? SignInOutcome.Failed(SignInFailure.LockedOut, user, reason, lockedNow: true)
            : SignInOutcome.Failed(failure, user, reason);
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
