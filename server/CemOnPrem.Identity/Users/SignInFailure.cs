namespace CemOnPrem.Identity.Users;

/// <summary>Why a sign-in was refused (the login page words it; unknown user and wrong password are one case).</summary>
public enum SignInFailure
{
    WrongCredentials,
    LockedOut,
    SecondFactorRequired,
    WrongSecondFactor,
    SecondFactorNotEnrolled,
}
