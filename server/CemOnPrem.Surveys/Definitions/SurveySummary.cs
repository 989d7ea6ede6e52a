namespace CemOnPrem.Surveys.Definitions;

/// <summary>A survey in the list: its latest published version.</summary>
/// <param name="Source"><c>pack</c> (read-only here; change the pack) or <c>admin</c>.</param>
/// <param name="HasDraft">Whether an admin is editing a next version.</param>
public sealed record SurveySummary(
    string Key, string Version, string Source, string? PackId, IReadOnlyDictionary<string, string> Name, IReadOnlyList<string> Languages,
    int QuestionCount, DateTimeOffset? PublishedAt, bool HasDraft)
{
    public static SurveySummary Of(PublishedSurvey survey, bool hasDraft)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return new(survey.Key, survey.Version, SourceOf(survey), survey.PackId, survey.Template.Name, survey.Languages, survey.Template.Questions.Count,
            survey.PublishedAt, hasDraft);
    }

    public static string SourceOf(PublishedSurvey survey) => survey?.PackId is null ? "admin" : "pack";
}
