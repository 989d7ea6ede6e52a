using CemOnPrem.Sdk;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// How a survey is named across packs and admins: <c>{packId}:{surveyId}</c> for a pack's survey
/// (<c>com.cemonprem.banking:post-branch-visit</c>), a plain code for one an admin made. Codes have no ':', so the
/// two never clash.
/// </summary>
public static class SurveyKeys
{
    public const char PackSeparator = ':';

    public static string ForPack(string packId, string surveyId) => packId + PackSeparator + surveyId;

    /// <returns>The pack id (null for an admin-made survey) and the survey id, or null when the key is malformed.</returns>
    public static (string? PackId, string SurveyId)? Parse(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var at = key.IndexOf(PackSeparator, StringComparison.Ordinal);
        if (at < 0)
        {
            return Codes.IsValid(key) ? (null, key) : null;
        }

        var (pack, survey) = (key[..at], key[(at + 1)..]);
        return Codes.IsValid(pack) && Codes.IsValid(survey) ? (pack, survey) : null;
    }
}
