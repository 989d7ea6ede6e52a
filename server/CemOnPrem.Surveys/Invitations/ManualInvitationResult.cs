namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// The outcome of <see cref="ManualInvitations.CreateAsync"/>: the invitation (suppressed with a reason when consent
/// or the cap stopped it, then without a link), or which field made it impossible.
/// </summary>
public sealed record ManualInvitationResult(CreatedInvitation? Created, string Status, string? Reason, string? Field, string? Error)
{
    public static ManualInvitationResult Invalid(string field, string error) => new(null, "", null, field, error);
}
