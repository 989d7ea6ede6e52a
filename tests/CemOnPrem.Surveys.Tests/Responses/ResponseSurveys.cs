using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Surveys.Definitions;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>A survey with every question kind: NPS, a reason asked only of detractors (with "other" text), a matrix, a text shown on a bad wait.</summary>
internal static class ResponseSurveys
{
    private static readonly Dictionary<string, string> Text = new() { ["en"] = "q", ["zh"] = "问" };

    public static readonly SurveyTemplate Template = new()
    {
        Id = "branch-visit",
        Name = Text,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Touchpoint = "branch-visit" },
        Questions =
        [
            new() { Id = "nps", Kind = QuestionKind.Scale, Text = Text, Required = true, Scale = new() { ScoreKey = "nps", Minimum = 0, Maximum = 10 } },
            new()
            {
                Id = "why", Kind = QuestionKind.Choice, Text = Text, Required = true, MultipleAnswers = true,
                ShowIf = new Condition { Answer = "nps", Operator = ComparisonOperator.LessOrEqual, Values = ["6"] },
                Choices = [new() { Id = "fees", Text = Text }, new() { Id = "other", Text = Text, AsksForText = true }],
            },
            new()
            {
                Id = "aspects", Kind = QuestionKind.Matrix, Text = Text, Required = true, Scale = new() { ScoreKey = "aspects", Minimum = 1, Maximum = 5 },
                Rows = [new() { Id = "staff", Text = Text, ScoreKey = "csat-staff" }, new() { Id = "wait", Text = Text, ScoreKey = "csat-wait" }],
            },
            new()
            {
                Id = "wait-detail", Kind = QuestionKind.Text, Text = Text,
                ShowIf = new Condition { Answer = "aspects/wait", Operator = ComparisonOperator.LessOrEqual, Values = ["2"] },
            },
            new()
            {
                Id = "vip-extra", Kind = QuestionKind.Text, Text = Text,
                ShowIf = new Condition { Attribute = "segment", Values = ["vip"] },
            },
        ],
    };

    public static readonly PublishedSurvey Published = new("retail:branch-visit", "1.0.0", "retail", Template, null);

    public static Dictionary<string, IReadOnlyList<string>> Answers(params (string Key, string[] Values)[] answers) =>
        answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Values, StringComparer.Ordinal);

    /// <summary>A complete promoter's answers.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Promoter() =>
        Answers(("nps", ["9"]), ("aspects/staff", ["5"]), ("aspects/wait", ["4"]));

    /// <summary>A complete detractor's answers with the branch and texts.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Detractor(string otherText, string waitText) =>
        Answers(("nps", ["3"]), ("why", ["fees", "other"]), ("why/other", [otherText]), ("aspects/staff", ["4"]), ("aspects/wait", ["1"]),
            ("wait-detail", [waitText]));
}
