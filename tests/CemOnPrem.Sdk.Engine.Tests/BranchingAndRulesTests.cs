using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Engine.Rules;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Rules;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Engine.Tests;

public sealed class BranchingAndRulesTests
{
    private static readonly Dictionary<string, string> Text = new() { ["en"] = "q" };

    private static SurveyQuestion Q(string id, Condition? showIf = null) => new() { Id = id, Kind = QuestionKind.Text, Text = Text, ShowIf = showIf };

    private static readonly SurveyTemplate Survey = new()
    {
        Id = "s",
        Name = Text,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Touchpoint = "t" },
        Questions =
        [
            Q("nps"),
            Q("why-low", new Condition { Answer = "nps", Operator = ComparisonOperator.LessOrEqual, Values = ["6"] }),
            Q("reason-detail", new Condition { Answer = "why-low", Operator = ComparisonOperator.In, Values = ["fees", "staff"] }),
            Q("vip", new Condition { All = [new Condition { Attribute = "segment", Values = ["private"] }, new Condition { Answer = "nps", Operator = ComparisonOperator.GreaterOrEqual, Values = ["9"] }] }),
        ],
    };

    private static string[] Visible(Dictionary<string, IReadOnlyList<string>> answers, Dictionary<string, string>? attributes = null) =>
        [.. SurveyBranching.VisibleQuestions(Survey, answers, attributes ?? []).Select(q => q.Id)];

    [Fact]
    public void Low_score_shows_the_follow_up_and_its_detail()
    {
        Assert.Equal(["nps", "why-low", "reason-detail"], Visible(new() { ["nps"] = ["3"], ["why-low"] = ["other", "fees"] }));
    }

    [Fact]
    public void Answer_to_a_hidden_question_does_not_open_its_branch()
    {
        Assert.Equal(["nps"], Visible(new() { ["nps"] = ["8"], ["why-low"] = ["fees"] }));
    }

    [Fact]
    public void Attribute_and_answer_combine()
    {
        Assert.Equal(["nps", "vip"], Visible(new() { ["nps"] = ["10"] }, new() { ["segment"] = "private" }));
        Assert.Equal(["nps"], Visible(new() { ["nps"] = ["10"] }, new() { ["segment"] = "mass" }));
    }

    [Fact]
    public void Metric_rule_waits_for_its_minimum_sample()
    {
        var rule = new CaseRule
        {
            Id = "r",
            Name = Text,
            CaseType = "review",
            RouteToLevel = "branch",
            Sla = new Sla { Amount = 1, Unit = SlaUnit.Days },
            Trigger = new RuleTrigger { Metric = new MetricThreshold { Metric = "nps", Operator = ComparisonOperator.LessThan, Value = 0, Window = "P7D", MinimumSample = 20 } },
        };

        Assert.False(rule.FiresOn(new MetricValue("nps", -40, 19)));
        Assert.True(rule.FiresOn(new MetricValue("nps", -40, 20)));
        Assert.False(rule.FiresOn(new MetricValue("nps", 5, 200)));
    }

    [Theory]
    [InlineData("PT30M", 0.5)]
    [InlineData("P3D", 72)]
    [InlineData("P1DT12H", 36)]
    public void Iso_durations_parse(string text, double hours)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(hours, duration.TotalHours);
    }

    [Theory]
    [InlineData("3 days")]
    [InlineData("PT0S")]
    [InlineData("")]
    [InlineData("-P1D")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    public void Bad_durations_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void Business_days_are_approximated_on_a_five_day_week()
    {
        Assert.Equal(TimeSpan.FromDays(21), Slas.CalendarApproximation(new Sla { Amount = 15, Unit = SlaUnit.BusinessDays }));
    }
}
