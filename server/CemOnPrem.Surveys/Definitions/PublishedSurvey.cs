using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// One published version of a survey: what invitations name and responses are checked against. A version never
/// changes once published (a pack's survey is versioned by its pack's version).
/// </summary>
/// <param name="Key">See <see cref="SurveyKeys"/>.</param>
/// <param name="Version">The pack's version for a pack survey; 1, 2, … for an admin-made one.</param>
/// <param name="PackId">The pack that declares it; null for an admin-made survey.</param>
/// <param name="PublishedAt">When an admin published it; null for a pack survey (published with its pack).</param>
public sealed record PublishedSurvey(string Key, string Version, string? PackId, SurveyTemplate Template, DateTimeOffset? PublishedAt)
{
    /// <summary>The languages the survey has texts in (its name's languages), in the order the survey gives them.</summary>
    public IReadOnlyList<string> Languages => [.. Template.Name.Keys];
}
