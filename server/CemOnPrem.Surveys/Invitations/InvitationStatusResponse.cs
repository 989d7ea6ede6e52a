namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation's state (never its token or link).</summary>
public sealed record InvitationStatusResponse(
    Guid Id, string Region, string SurveyKey, string SurveyVersion, string Origin, string? CustomerId, string? OrgUnit, string Channel, string Language,
    string Status, string? Reason, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset SendAfter, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? OpenedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset ExpiresAt);
