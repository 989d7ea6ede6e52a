using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>Turning a page's form into answers and joining them with the ones saved before.</summary>
internal static class RespondentAnswers
{
    public const string FieldPrefix = "a.";
    public const string PageField = "page";
    public const string LanguageField = "lang";

    /// <summary>
    /// The answers a page's form posts, by answer key (blanks removed); null when the form has a field the page does not
    /// have (a forged or stale form: refused as a whole, never stored in part).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Posted(IFormCollection form, ISet<string> pageKeys, string antiforgeryField)
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, values) in form)
        {
            if (field is PageField or LanguageField || field == antiforgeryField)
            {
                continue;
            }

            if (!field.StartsWith(FieldPrefix, StringComparison.Ordinal) || !pageKeys.Contains(field[FieldPrefix.Length..]))
            {
                return null;
            }

            posted[field[FieldPrefix.Length..]] = [.. values.OfType<string>()];
        }

        return SurveyAnswerKeys.WithoutBlanks(posted);
    }

    /// <summary>The saved answers with this page's keys replaced by what the page posted.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Merge(
        IReadOnlyDictionary<string, IReadOnlyList<string>> saved, ISet<string> pageKeys, IReadOnlyDictionary<string, IReadOnlyList<string>> posted)
    {
        var merged = saved.Where(a => !pageKeys.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var (key, values) in posted)
        {
            merged[key] = values;
        }

        return merged;
    }

    /// <summary>
    /// Without answers that no longer count: to questions an earlier answer now hides (the respondent went back and
    /// changed it), or to the text of an option no longer picked.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> Pruned(
        SurveyTemplate survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes)
    {
        var visible = SurveyBranching.VisibleQuestions(survey, answers, attributes).ToDictionary(q => q.Id, StringComparer.Ordinal);
        return answers.Where(a => visible.TryGetValue(SurveyAnswerKeys.QuestionOf(a.Key), out var question) && Counts(question, a.Key, answers))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    private static bool Counts(SurveyQuestion question, string key, IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        question.Kind != QuestionKind.Choice || SurveyAnswerKeys.PartOf(key) is not { } option
        || (answers.TryGetValue(question.Id, out var picked) && picked.Contains(option));
}
