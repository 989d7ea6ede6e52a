namespace CemOnPrem.Surveys.Definitions;

/// <summary>The answer of <c>GET /api/v1/surveys</c>; <paramref name="Drafts"/> names admin-made surveys being written that have no published version yet.</summary>
public sealed record SurveyListResponse(IReadOnlyList<SurveySummary> Items, IReadOnlyList<string> Drafts);
