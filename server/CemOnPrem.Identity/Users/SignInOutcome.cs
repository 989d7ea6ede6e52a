namespace CemOnPrem.Identity.Users;

/// <summary>The signed-in user, or why not.</summary>
public sealed record SignInOutcome(CemUser? User, SignInFailure? Failure)
{
    public static SignInOutcome Failed(SignInFailure failure) => new(null, failure);
}
