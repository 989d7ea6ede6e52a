namespace CemOnPrem.Surveys.Invitations;

/// <summary>A written invitation and its link: the only moment the token exists outside the outbox row.</summary>
public sealed record CreatedInvitation(Guid InvitationId, string Link, InvitationDraft Draft);
