using System.Globalization;
using System.Security.Cryptography;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CemOnPrem.Identity.Users;

/// <summary>
/// The login check: per-source failure budget, password, lockout, and the TOTP second factor for users who have it
/// (always for admin and compliance). The login page words every failure alike; the reason goes to the audit trail.
/// </summary>
/// <remarks>
/// Every attempt costs one password hash, whether the user exists or not (a dummy hash for unknown, disabled and
/// password-less accounts), so response time does not say whether a name exists. A one-time code is accepted once:
/// the last accepted time step is kept per user in the identity store (shared by every node), and a code of that step
/// or an earlier one is refused.
/// </remarks>
public sealed class PasswordSignIn(UserManager<CemUser> users, IPasswordHasher<CemUser> hasher, LoginFailureBudget budget, TimeProvider clock)
{
    /// <summary>The login provider name under which sign-in state is kept in the user tokens table.</summary>
    internal const string StateProvider = "[CemOnPrem]";
    internal const string LastTotpStep = "totp-last-step";
    internal const string FailuresSince = "failures-since";

    private static string? s_dummyHash;

    public async Task<SignInOutcome> CheckAsync(string userName, string password, string? oneTimeCode, string source)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(source);
        if (budget.TryBegin(source, userName) is { } retryAfter)
        {
            return SignInOutcome.Failed(SignInFailure.Throttled, null, "throttled") with { RetryAfter = retryAfter };
        }

        var outcome = default(SignInOutcome);
        try
        {
            outcome = await CheckReservedAsync(userName, password, oneTimeCode).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            // An attempt that threw counts as failed: it must not give a guesser a free try.
            budget.End(source, userName, failed: outcome?.User is null || outcome.Failure is not null);
        }
    }

    private async Task<SignInOutcome> CheckReservedAsync(string userName, string password, string? oneTimeCode)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        var verified = VerifyPassword(user, password);
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Identity's own check stores the hash in the current format (the rare case of an old hash).
            await users.CheckPasswordAsync(user!, password).ConfigureAwait(false);
        }

        var passwordRight = verified != PasswordVerificationResult.Failed;
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

        if (!passwordRight)
        {
            return await FailAsync(user, SignInFailure.WrongCredentials, "wrong-password").ConfigureAwait(false);
        }

        var secondFactor = await NeedsSecondFactorAsync(user).ConfigureAwait(false);
        if (secondFactor && await CheckSecondFactorAsync(user, oneTimeCode).ConfigureAwait(false) is { } refused)
        {
            return refused == "second-factor-not-enrolled"
                ? SignInOutcome.Failed(SignInFailure.SecondFactorNotEnrolled, user, refused)
                : await FailAsync(user, refused == "second-factor-missing" ? SignInFailure.SecondFactorRequired : SignInFailure.WrongSecondFactor, refused)
                    .ConfigureAwait(false);
        }

        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return new SignInOutcome(user, null) { UsedSecondFactor = secondFactor };
    }

    /// <returns>Null when the code is right and unused (its step is then remembered), else the audit's reason.</returns>
    private async Task<string?> CheckSecondFactorAsync(CemUser user, string? oneTimeCode)
    {
        if (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is not { } key)
        {
            return "second-factor-not-enrolled";
        }

        var code = (oneTimeCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            return "second-factor-missing";
        }

        if (TotpSteps.Match(key, code, clock.GetUtcNow()) is not { } step)
        {
            return "wrong-second-factor";
        }

        var last = await users.GetAuthenticationTokenAsync(user, StateProvider, LastTotpStep).ConfigureAwait(false);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return "second-factor-replayed";
        }

        // The user row's concurrency stamp makes this a compare-and-set: of two nodes accepting the same code at
        // once, one update fails and that sign-in is refused as a replay.
        try
        {
            var remembered = await users.SetAuthenticationTokenAsync(user, StateProvider, LastTotpStep, step.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return remembered.Succeeded ? null : "second-factor-replayed";
        }
        catch (DbUpdateException)
        {
            // A user's first code, accepted by two nodes at once: both insert the step's row and the loser's insert
            // fails on its key rather than on the concurrency stamp. Same meaning: the other node used this code.
            return "second-factor-replayed";
        }
    }

    // A counted failure; the attempt that reaches the limit locks the account. The count restarts when its first
    // failure is older than the observation window, so failures spread thinly over days do not add up to a lockout.
    private async Task<SignInOutcome> FailAsync(CemUser user, SignInFailure failure, string reason)
    {
        var now = clock.GetUtcNow();
        var since = await users.GetAuthenticationTokenAsync(user, StateProvider, FailuresSince).ConfigureAwait(false);
        var counting = user.AccessFailedCount > 0
            && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var first)
            && now - first <= budget.Window;
        if (!counting)
        {
            await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
            await users.SetAuthenticationTokenAsync(user, StateProvider, FailuresSince, now.ToString("O", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        await users.AccessFailedAsync(user).ConfigureAwait(false);
        return await users.IsLockedOutAsync(user).ConfigureAwait(false)
            ? SignInOutcome.Failed(SignInFailure.LockedOut, user, reason, lockedNow: true)
            : SignInOutcome.Failed(failure, user, reason);
    }

    /// <summary>One hash verification on every path: against the user's hash, or a dummy one when there is none to check.</summary>
    private PasswordVerificationResult VerifyPassword(CemUser? user, string password)
    {
        var dummy = s_dummyHash ??= hasher.HashPassword(new CemUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var usable = user is { Disabled: false, PasswordHash: not null };
        var result = hasher.VerifyHashedPassword(user ?? new CemUser(), usable ? user!.PasswordHash! : dummy, password);
        return usable ? result : PasswordVerificationResult.Failed;
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
