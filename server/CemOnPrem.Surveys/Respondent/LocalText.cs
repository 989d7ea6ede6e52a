namespace CemOnPrem.Surveys.Respondent;

/// <summary>A survey text in the page's language, else in English, else in whatever language it has.</summary>
internal static class LocalText
{
    public static string Of(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text
        : texts.TryGetValue("en", out var english) ? english
        : texts.Values.FirstOrDefault() ?? "";
}
