using System.Text.Json;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>A draft as an admin reads it: the survey, its revision (also the ETag) and what would keep it from being published.</summary>
public sealed record SurveyDraftView(string Key, int Revision, DateTimeOffset UpdatedAt, string UpdatedBy, JsonElement Survey, IReadOnlyDictionary<string, string[]> Problems)
{
    public static SurveyDraftView Of(SurveyDraft draft, IReadOnlyDictionary<string, string[]> problems)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new(draft.Key, draft.Revision, draft.UpdatedAt, draft.UpdatedBy, SurveyJson.ToElement(draft.Survey), problems);
    }
}
