namespace CemOnPrem.Identity.Users;

/// <summary>
/// Why a sign-in was refused, for the audit trail. The login page words every case alike (docs/security.md), except
/// <see cref="Throttled"/>, which is a 429 that names no account.
/// </summary>
public enum SignInFailure
{
    WrongCredentials,
    LockedOut,
    SecondFactorRequired,
    WrongSecondFactor,
    SecondFactorNotEnrolled,

    /// <summary>This source used up its failed attempts for this user name: refused before the account is looked at.</summary>
    Throttled,
}
