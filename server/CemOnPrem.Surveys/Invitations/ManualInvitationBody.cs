namespace CemOnPrem.Surveys.Invitations;

/// <summary>The body of <c>POST /api/v1/surveys/{surveyKey}/invitations</c>.</summary>
public sealed record ManualInvitationBody(
    string? Region, string? CustomerId, string? OrgUnit, string? Language, string? Channel, int? ExpiresInDays, bool? IgnoreFrequencyCap);
