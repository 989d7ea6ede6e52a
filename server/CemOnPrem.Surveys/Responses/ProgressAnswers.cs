using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The answers a part-way save leaves stored: the stored ones with the given keys replaced (a key given blank is
/// cleared), then trimmed of stored answers the new ones hide (a changed score that no longer shows the follow-up
/// question, an option no longer picked whose text is left) so the stored set always passes validation. Answers the
/// respondent gave now are never trimmed: a given answer that is refused makes the whole save refused.
/// </summary>
internal static class ProgressAnswers
{
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, IReadOnlyList<AnswerProblem> Problems) Merge(
        SurveyTemplate survey, IReadOnlyDictionary<string, IReadOnlyList<string>> stored, IReadOnlyDictionary<string, IReadOnlyList<string>> given,
        IReadOnlyDictionary<string, string> attributes)
    {
        var filled = SurveyAnswerKeys.WithoutBlanks(given);
        var merged = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in stored.Where(s => !given.ContainsKey(s.Key)))
        {
            merged[key] = values;
        }

        foreach (var (key, values) in filled)
        {
            merged[key] = values;
        }

        // Hiding one stored answer may hide another that depended on it: repeat until nothing more is trimmed.
        while (true)
        {
            var problems = SurveyResponseValidation.Validate(survey, merged, attributes, complete: false);
            var trimmed = problems.Where(p => p.Code == "hidden-question" && !filled.ContainsKey(p.Key)).Select(p => p.Key).ToList();
            if (trimmed.Count == 0)
            {
                return (merged, problems);
            }

            foreach (var key in trimmed)
            {
                merged.Remove(key);
            }
        }
    }
}
