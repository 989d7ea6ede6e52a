using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Engine.Surveys;

/// <summary>Which questions of an adaptive survey a respondent sees, given the answers so far and their attributes.</summary>
public static class SurveyBranching
{
    /// <param name="answers">Answers by question id (several values for multi-answer choices).</param>
    /// <param name="attributes">Customer and event attributes.</param>
    public static IReadOnlyList<SurveyQuestion> VisibleQuestions(
        SurveyTemplate survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var visible = new List<SurveyQuestion>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            // An answer to a question the respondent never saw does not count.
            if (question.ShowIf is null ||
                Holds(question.ShowIf, key => shown.Contains(SurveyAnswerKeys.QuestionOf(key)) && answers.TryGetValue(key, out var a) ? a : [], attributes))
            {
                visible.Add(question);
                shown.Add(question.Id);
            }
        }

        return visible;
    }

    public static bool Holds(Condition condition, Func<string, IReadOnlyList<string>> answerOf, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(answerOf);
        ArgumentNullException.ThrowIfNull(attributes);
        if (condition.All.Count > 0)
        {
            return condition.All.All(c => Holds(c, answerOf, attributes));
        }

        if (condition.Any.Count > 0)
        {
            return condition.Any.Any(c => Holds(c, answerOf, attributes));
        }

        if (condition.Answer is { } question)
        {
            return Comparisons.Compare(answerOf(question), condition.Operator, condition.Values);
        }

        if (condition.Attribute is { } key)
        {
            IReadOnlyList<string> value = attributes.TryGetValue(key, out var v) ? [v] : [];
            return Comparisons.Compare(value, condition.Operator, condition.Values);
        }

        return true;
    }
}
