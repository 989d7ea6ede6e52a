namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation about to go out, as the send-time checks see it.</summary>
public sealed record SendCandidate(Guid InvitationId, string CustomerId, string Purpose, bool IgnoreCap);
