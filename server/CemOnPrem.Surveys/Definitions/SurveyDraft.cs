using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>An admin-made survey's draft: what the admin is editing, at a revision (its ETag).</summary>
public sealed record SurveyDraft(string Key, SurveyTemplate Survey, int Revision, DateTimeOffset UpdatedAt, string UpdatedBy);
