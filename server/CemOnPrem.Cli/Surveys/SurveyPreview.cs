using System.Globalization;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Cli.Surveys;

/// <summary>A survey as plain text in one language: what a CX team reviews before publishing or sending it.</summary>
internal static class SurveyPreview
{
    public static IReadOnlyList<string> Lines(SurveyTemplate survey, string language)
    {
        var lines = new List<string>
        {
            $"name: {Text(survey.Name, language)}",
            $"languages: {string.Join(", ", survey.Name.Keys)}",
            $"trigger: {Trigger(survey.Trigger)}",
            $"consent purpose: {survey.ConsentPurpose}",
        };
        var number = 0;
        foreach (var question in survey.Questions)
        {
            lines.Add("");
            lines.Add($"{++number}. {question.Id} [{Kind(question)}{(question.Required ? ", required" : "")}]");
            lines.Add($"   {Text(question.Text, language)}");
            if (question.ShowIf is { } condition)
            {
                lines.Add($"   shown if: {Condition(condition)}");
            }

            if (question.Scale is { } scale && (scale.MinimumLabel.Count > 0 || scale.MaximumLabel.Count > 0))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"   {scale.Minimum} = {Text(scale.MinimumLabel, language)} … {scale.Maximum} = {Text(scale.MaximumLabel, language)}"));
            }

            lines.AddRange(question.Choices.Select(c => $"   - {c.Id}: {Text(c.Text, language)}{(c.AsksForText ? " (asks for text)" : "")}"));
            lines.AddRange(question.Rows.Select(r => $"   - {r.Id}: {Text(r.Text, language)} (score key {r.ScoreKey})"));
        }

        return lines;
    }

    private static string Kind(SurveyQuestion question) => question.Kind switch
    {
        QuestionKind.Scale or QuestionKind.Matrix when question.Scale is { } s =>
            string.Create(CultureInfo.InvariantCulture, $"{question.Kind.ToString().ToLowerInvariant()} {s.Minimum}-{s.Maximum}, score key {s.ScoreKey}"),
        QuestionKind.Choice => question.MultipleAnswers ? "choice, several answers" : "choice, one answer",
        _ => question.Kind.ToString().ToLowerInvariant(),
    };

    private static string Trigger(SurveyTrigger trigger)
    {
        var what = trigger.Touchpoint is { } touchpoint ? $"touchpoint {touchpoint}"
            : trigger.OnCompletion ? $"journey {trigger.Journey} completed"
            : $"journey {trigger.Journey} enters stage {trigger.Stage}";
        return trigger.Delay is { } delay ? $"{what}, after {delay}" : $"{what}, at once";
    }

    /// <summary>A condition as a readable expression: <c>aspects/wait &lt;= 2 and attribute desk = advisor</c>.</summary>
    public static string Condition(Condition condition)
    {
        if (condition.All.Count > 0)
        {
            return "(" + string.Join(" and ", condition.All.Select(Condition)) + ")";
        }

        if (condition.Any.Count > 0)
        {
            return "(" + string.Join(" or ", condition.Any.Select(Condition)) + ")";
        }

        var subject = condition.Answer ?? $"attribute {condition.Attribute}";
        var op = condition.Operator switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "!=",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterOrEqual => ">=",
            _ => "in",
        };
        var values = condition.Operator == ComparisonOperator.In ? "[" + string.Join(", ", condition.Values) + "]" : (condition.Values.Count > 0 ? condition.Values[0] : "");
        return $"{subject} {op} {values}";
    }

    /// <summary>The text in the language, else in the survey's first language, marked so the gap is visible.</summary>
    private static string Text(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text
        : texts.Count > 0 ? $"[{texts.First().Key}] {texts.First().Value}"
        : "";
}
