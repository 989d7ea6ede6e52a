using Microsoft.Net.Http.Headers;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The page's language: the one the respondent switched to (<c>?lang=</c> or the form's <c>lang</c>), else the
/// invitation's, else the browser's Accept-Language among the survey's languages, else the survey's first.
/// </summary>
internal static class RespondentLanguage
{
    /// <summary>The languages the product's own pages speak when no survey is known (unknown link and the like).</summary>
    public static readonly IReadOnlyList<string> Product = ["en", "zh"];

    public static string Choose(IReadOnlyList<string> offered, string? switchedTo, string? invitation, HttpRequest request)
    {
        if (Match(offered, switchedTo) is { } chosen)
        {
            return chosen;
        }

        if (Match(offered, invitation) is { } invited)
        {
            return invited;
        }

        var accepted = request.Headers.AcceptLanguage.Count > 0 && StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var list)
            ? list.OrderByDescending(v => v.Quality ?? 1).Select(v => v.Value.Value).FirstOrDefault(v => Match(offered, v) is not null)
            : null;
        return Match(offered, accepted) ?? (offered.Count > 0 ? offered[0] : "en");
    }

    /// <summary>The offered language a tag names: exactly, or by its primary subtag (zh-CN → zh).</summary>
    private static string? Match(IReadOnlyList<string> offered, string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > 35)
        {
            return null;
        }

        return offered.FirstOrDefault(o => string.Equals(o, tag, StringComparison.OrdinalIgnoreCase))
            ?? offered.FirstOrDefault(o => string.Equals(o, tag.Split('-')[0], StringComparison.OrdinalIgnoreCase));
    }
}
