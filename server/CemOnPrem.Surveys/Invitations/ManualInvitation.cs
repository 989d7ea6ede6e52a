namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation asked for by hand (an agent, a test, a closed case's follow-up), already checked for form and access.</summary>
public sealed record ManualInvitation(
    string Region, string SurveyKey, string CustomerId, string? OrgUnit, string? Language, string Channel, int? ExpiresInDays, bool IgnoreFrequencyCap,
    string CreatedBy);
