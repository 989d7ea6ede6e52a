using System.Globalization;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Engine.Surveys;

/// <summary>
/// Checks answers against a survey: every key names a question (row, option) of it, no answer goes to a question the
/// respondent was not shown, values fit the question's kind, and — for a finished response — every shown required
/// question is answered. The server's respondent page and API use it, and so can a pack's tests.
/// </summary>
public static class SurveyResponseValidation
{
    /// <summary>Longest free-text answer, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <param name="answers">Answers by key, blanks removed (<see cref="SurveyAnswerKeys.WithoutBlanks"/>).</param>
    /// <param name="complete">Whether the response is being finished (required answers checked) or saved part-way.</param>
    public static IReadOnlyList<AnswerProblem> Validate(
        SurveyTemplate survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes, bool complete)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(answers);
        var problems = new List<AnswerProblem>();
        var questions = survey.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var visible = SurveyBranching.VisibleQuestions(survey, answers, attributes).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, values) in answers.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!questions.TryGetValue(SurveyAnswerKeys.QuestionOf(key), out var question))
            {
                problems.Add(new(key, "unknown-question", $"'{key}' is not a question of survey '{survey.Id}'."));
            }
            else if (!visible.Contains(question.Id))
            {
                problems.Add(new(key, "hidden-question", $"'{question.Id}' is not shown for the answers given, so it takes no answer."));
            }
            else
            {
                CheckAnswer(question, key, SurveyAnswerKeys.PartOf(key), values, answers, problems);
            }
        }

        if (complete)
        {
            foreach (var question in survey.Questions.Where(q => q.Required && visible.Contains(q.Id)))
            {
                foreach (var key in RequiredKeys(question).Where(k => !answers.ContainsKey(k)))
                {
                    problems.Add(new(key, "required", $"'{key}' needs an answer."));
                }
            }
        }

        return problems;
    }

    private static IEnumerable<string> RequiredKeys(SurveyQuestion question) =>
        question.Kind == QuestionKind.Matrix ? question.Rows.Select(r => SurveyAnswerKeys.Part(question.Id, r.Id)) : [question.Id];

    private static void CheckAnswer(SurveyQuestion question, string key, string? part, IReadOnlyList<string> values,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, List<AnswerProblem> problems)
    {
        switch (question.Kind, part)
        {
            case (QuestionKind.Scale, null):
                CheckScale(question.Scale, key, values, problems);
                break;
            case (QuestionKind.Matrix, { } row) when question.Rows.Any(r => r.Id == row):
                CheckScale(question.Scale, key, values, problems);
                break;
            case (QuestionKind.Choice, null):
                CheckChoices(question, key, values, problems);
                break;
            case (QuestionKind.Choice, { } option) when question.Choices.FirstOrDefault(c => c.Id == option) is { AsksForText: true }:
                var picked = answers.TryGetValue(question.Id, out var chosen) && chosen.Contains(option);
                if (!picked)
                {
                    problems.Add(new(key, "hidden-question", $"'{option}' of '{question.Id}' is not picked, so its text takes no answer."));
                }
                else
                {
                    CheckText(key, values, problems);
                }

                break;
            case (QuestionKind.Text, null):
                CheckText(key, values, problems);
                break;
            default:
                problems.Add(new(key, "unknown-question", $"'{key}' is not an answer '{question.Id}' takes."));
                break;
        }
    }

    private static void CheckScale(ScaleSpec? scale, string key, IReadOnlyList<string> values, List<AnswerProblem> problems)
    {
        if (values.Count != 1)
        {
            problems.Add(new(key, "single-answer", $"'{key}' takes one value."));
        }
        else if (!int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(new(key, "not-a-number", $"'{key}' takes a whole number."));
        }
        else if (scale is null || value < scale.Minimum || value > scale.Maximum)
        {
            problems.Add(new(key, "out-of-range", $"'{key}' takes {scale?.Minimum}-{scale?.Maximum}; {value} is outside."));
        }
    }

    private static void CheckChoices(SurveyQuestion question, string key, IReadOnlyList<string> values, List<AnswerProblem> problems)
    {
        if (values.Count > 1 && !question.MultipleAnswers)
        {
            problems.Add(new(key, "single-answer", $"'{key}' takes one option."));
        }

        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            problems.Add(new(key, "single-answer", $"'{key}' names an option twice."));
        }

        foreach (var value in values.Where(v => question.Choices.All(c => c.Id != v)))
        {
            problems.Add(new(key, "unknown-choice", $"'{value}' is not an option of '{key}'."));
        }
    }

    private static void CheckText(string key, IReadOnlyList<string> values, List<AnswerProblem> problems)
    {
        if (values.Count != 1)
        {
            problems.Add(new(key, "single-answer", $"'{key}' takes one text."));
        }
        else if (values[0].Length > MaxTextLength)
        {
            problems.Add(new(key, "too-long", $"'{key}' takes at most {MaxTextLength} characters."));
        }
        else if (values[0].Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            problems.Add(new(key, "not-text", $"'{key}' contains control characters."));
        }
    }
}
