using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    private static void CheckQuestion(SurveyQuestion question, string at, IReadOnlyList<string> languages, Problems problems)
    {
        switch (question.Kind)
        {
            case QuestionKind.Scale:
                CheckScale(question.Scale, at, "a scale question", problems);
                break;
            case QuestionKind.Matrix:
                CheckScale(question.Scale, at, "a matrix question", problems);
                CheckRows(question, at, languages, problems);
                break;
            case QuestionKind.Choice:
                problems.Check(question.Choices.Count >= 2, "survey-questions", at + "/choices", "a choice question needs at least two choices.");
                Unique(question.Choices, c => c.Id, at + "/choices", "choice", problems);
                foreach (var choice in question.Choices)
                {
                    Languages(choice.Text, $"{at}/choices/{choice.Id}", "text", languages, problems);
                }

                break;
            case QuestionKind.Text:
                break;
            default:
                problems.Add("survey-questions", at + "/kind", $"unknown kind {question.Kind}.");
                break;
        }

        // Parts that only one kind uses would be silently ignored elsewhere: say so instead.
        problems.Check(question.Kind == QuestionKind.Matrix || question.Rows.Count == 0, "survey-questions", at + "/rows", "only a matrix question has rows.");
        problems.Check(question.Kind == QuestionKind.Choice || question.Choices.Count == 0, "survey-questions", at + "/choices", "only a choice question has choices.");
    }

    private static void CheckScale(ScaleSpec? scale, string at, string what, Problems problems)
    {
        if (scale is null)
        {
            problems.Add("survey-questions", at + "/scale", $"{what} needs a scale.");
            return;
        }

        problems.Check(scale.Minimum < scale.Maximum, "survey-questions", at + "/scale", "scale minimum must be below maximum.");
        CheckScoreKey(scale.ScoreKey, scale, at + "/scale", problems);
    }

    /// <summary>A score key is a code, and a built-in one (nps, csat, ces) keeps its range wherever it is used.</summary>
    private static void CheckScoreKey(string scoreKey, ScaleSpec scale, string at, Problems problems)
    {
        problems.Check(Codes.IsValid(scoreKey), "code", at, $"scoreKey '{scoreKey}' {Codes.Rule}.");
        if (ScoreScale.BuiltIn.TryGetValue(scoreKey, out var builtIn))
        {
            problems.Check(builtIn.Minimum == scale.Minimum && builtIn.Maximum == scale.Maximum, "survey-questions", at,
                $"{builtIn.Key} answers are {builtIn.Minimum}-{builtIn.Maximum}; the scale says {scale.Minimum}-{scale.Maximum}.");
        }
    }

    private static void CheckRows(SurveyQuestion question, string at, IReadOnlyList<string> languages, Problems problems)
    {
        problems.Check(question.Rows.Count > 0, "survey-questions", at + "/rows", "a matrix question needs at least one row.");
        Unique(question.Rows, r => r.Id, at + "/rows", "row", problems);
        foreach (var row in question.Rows)
        {
            var rowAt = $"{at}/rows/{row.Id}";
            Languages(row.Text, rowAt, "text", languages, problems);
            if (question.Scale is { } scale)
            {
                CheckScoreKey(row.ScoreKey, scale, rowAt + "/scoreKey", problems);
            }
        }
    }

    /// <summary>
    /// An answer condition names an earlier question, a row of an earlier matrix (<c>aspects/wait</c>) or nothing
    /// else: a whole matrix has no single answer to compare, and free text is not something to branch on.
    /// </summary>
    private static void CheckAnswerCondition(Condition condition, string key, Dictionary<string, SurveyQuestion> earlier, string at, Problems problems)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (id, part) = slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
        if (!earlier.TryGetValue(id, out var target))
        {
            problems.Add("survey-branching", at, $"showIf refers to '{id}', which is not an earlier question (branching may only look back, so it cannot cycle).");
            return;
        }

        problems.Check(condition.Values.Count > 0, "survey-branching", at, "showIf needs a value to compare with.");
        switch (target.Kind, part)
        {
            case (QuestionKind.Matrix, null):
                problems.Add("survey-branching", at, $"showIf refers to matrix '{id}' as a whole; name one of its rows, e.g. '{id}/{(target.Rows.Count > 0 ? target.Rows[0].Id : "row")}'.");
                break;
            case (QuestionKind.Matrix, { } row):
                problems.Check(target.Rows.Any(r => r.Id == row), "survey-branching", at, $"showIf refers to '{key}', but '{row}' is not a row of '{id}'.");
                break;
            case (_, { }):
                problems.Add("survey-branching", at, $"showIf refers to '{key}'; only a matrix row may be named after '/'.");
                break;
            case (QuestionKind.Choice, null):
                foreach (var value in condition.Values.Where(v => target.Choices.All(c => c.Id != v)))
                {
                    problems.Add("survey-branching", at, $"showIf compares '{id}' with '{value}', which is not one of its choices.");
                }

                break;
        }
    }
}
