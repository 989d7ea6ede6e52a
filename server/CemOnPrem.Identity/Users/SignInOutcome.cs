namespace CemOnPrem.Identity.Users;

/// <summary>
/// The signed-in user, or why not. <see cref="Attempted"/> is the account a failed attempt named (null for an
/// unknown name), <see cref="Reason"/> the audit's word for the failure, and <see cref="LockedNow"/> says this
/// attempt locked the account.
/// </summary>
public sealed record SignInOutcome(CemUser? User, SignInFailure? Failure)
{
    public CemUser? Attempted { get; init; }

    public string? Reason { get; init; }

    public bool LockedNow { get; init; }

    /// <summary>For <see cref="SignInFailure.Throttled"/>: when the source may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether the successful sign-in checked a one-time code.</summary>
    public bool UsedSecondFactor { get; init; }

    public static SignInOutcome Failed(SignInFailure failure, CemUser? attempted, string reason, bool lockedNow = false) =>
        new(null, failure) { Attempted = attempted, Reason = reason, LockedNow = lockedNow };
}
