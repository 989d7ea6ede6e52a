namespace CemOnPrem.Surveys.Definitions;

/// <summary>The versions of a survey, oldest first.</summary>
public sealed record SurveyVersionsResponse(string Key, IReadOnlyList<SurveyVersionInfo> Items);
