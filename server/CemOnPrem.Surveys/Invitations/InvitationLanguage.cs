namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// An invitation's language: the customer's (an event's <c>language</c> or <c>locale</c> attribute, reduced to its
/// language: zh-CN → zh) when the survey has it, else the region's default when the survey has that, else the
/// survey's first language.
/// </summary>
public static class InvitationLanguage
{
    public static readonly string[] AttributeNames = ["language", "locale"];

    public static string Choose(IReadOnlyDictionary<string, string>? attributes, string regionDefault, IReadOnlyList<string> surveyLanguages)
    {
        ArgumentNullException.ThrowIfNull(surveyLanguages);
        var customer = attributes is null ? null : AttributeNames.Select(name => attributes.GetValueOrDefault(name)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        foreach (var candidate in new[] { Normalise(customer), Normalise(regionDefault) })
        {
            if (candidate is not null && surveyLanguages.Contains(candidate, StringComparer.Ordinal))
            {
                return candidate;
            }
        }

        return surveyLanguages.Count > 0 ? surveyLanguages[0] : Normalise(regionDefault) ?? "en";
    }

    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var language = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return language.Length is >= 2 and <= 8 && language.All(char.IsAsciiLetterLower) ? language : null;
    }
}
