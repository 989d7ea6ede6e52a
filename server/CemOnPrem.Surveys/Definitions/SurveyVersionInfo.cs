namespace CemOnPrem.Surveys.Definitions;

/// <summary>One published version of a survey, without its questions.</summary>
/// <param name="PublishedBy">The admin's user id, or <c>pack:{packId}</c> for a pack version (recorded when first served).</param>
public sealed record SurveyVersionInfo(string Version, DateTimeOffset PublishedAt, string PublishedBy);
