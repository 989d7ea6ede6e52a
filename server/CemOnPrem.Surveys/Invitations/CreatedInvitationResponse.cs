namespace CemOnPrem.Surveys.Invitations;

/// <summary>The answer to a manual invitation: the link (shown this once; only its hash is kept) unless it was suppressed.</summary>
public sealed record CreatedInvitationResponse(
    Guid Id, string Region, string SurveyKey, string SurveyVersion, string Status, string? Reason, string Channel, string Language,
    DateTimeOffset SendAfter, DateTimeOffset ExpiresAt, string? Link);
