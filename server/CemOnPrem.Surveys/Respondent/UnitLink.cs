namespace CemOnPrem.Surveys.Respondent;

/// <summary>An anonymous per-org-unit link as the admin API shows it (never its token, which only its creator saw).</summary>
public sealed record UnitLink(Guid Id, string Region, string SurveyKey, string OrgUnit, string Language, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt);
