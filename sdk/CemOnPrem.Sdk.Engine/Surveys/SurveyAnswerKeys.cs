namespace CemOnPrem.Sdk.Engine.Surveys;

/// <summary>
/// How answers are keyed in a response: the question id for scale, choice and text answers;
/// <c>{question}/{row}</c> for a row of a matrix; <c>{question}/{choice}</c> for the free text of an option that asks
/// for it ("other, please specify"). Branching conditions name keys the same way.
/// </summary>
public static class SurveyAnswerKeys
{
    public const char Separator = '/';

    public static string Part(string questionId, string partId) => questionId + Separator + partId;

    /// <summary>The question a key belongs to.</summary>
    public static string QuestionOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? key : key[..at];
    }

    /// <summary>The row or option part of a key, or null for a whole-question key.</summary>
    public static string? PartOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? null : key[(at + 1)..];
    }

    /// <summary>The answers without blank values and without keys left empty (a page posts every field, filled or not).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> WithoutBlanks(IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var kept = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in answers)
        {
            var filled = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            if (filled.Count > 0)
            {
                kept[key] = filled;
            }
        }

        return kept;
    }
}
