using System.Text.Json;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>One published version of a survey with its questions (<paramref name="Survey"/>: the pack file format).</summary>
public sealed record SurveyDetail(
    string Key, string Version, string Source, string? PackId, DateTimeOffset? PublishedAt, IReadOnlyList<string> Languages, JsonElement Survey)
{
    public static SurveyDetail Of(PublishedSurvey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return new(survey.Key, survey.Version, SurveySummary.SourceOf(survey), survey.PackId, survey.PublishedAt, survey.Languages, SurveyJson.ToElement(survey.Template));
    }
}
