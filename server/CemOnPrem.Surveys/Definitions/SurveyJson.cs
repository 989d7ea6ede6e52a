using System.Text.Json;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// A survey as JSON: the SDK <see cref="SurveyTemplate"/> shape with the pack files' settings (camelCase, kebab-case
/// enums, unknown properties refused), so an admin writes exactly what a pack author writes, and what is stored is
/// what a pack would ship.
/// </summary>
internal static class SurveyJson
{
    public static JsonSerializerOptions Options => PackContentReader.JsonOptions;

    /// <returns>The survey, or the error with the JSON path at fault (<c>$.questions[2].kind</c>).</returns>
    public static (SurveyTemplate? Survey, string? Field, string? Error) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var survey = JsonSerializer.Deserialize<SurveyTemplate>(json, Options);
            return survey is null ? (null, "body", "a JSON survey object is required.") : (survey, null, null);
        }
        catch (JsonException ex)
        {
            // The serializer's message may quote the input; the path and line are enough to find the mistake.
            var field = string.IsNullOrEmpty(ex.Path) ? "body" : ex.Path;
            return (null, field, $"is not valid here (line {ex.LineNumber + 1}): check the property name, its type and required members (id, name, trigger, consentPurpose, questions).");
        }
    }

    public static string Serialize(SurveyTemplate survey) => JsonSerializer.Serialize(survey, Options);

    public static JsonElement ToElement(SurveyTemplate survey) => JsonSerializer.SerializeToElement(survey, Options);

    public static SurveyTemplate Deserialize(string json) =>
        JsonSerializer.Deserialize<SurveyTemplate>(json, Options) ?? throw new InvalidDataException("A stored survey definition is null.");
}
