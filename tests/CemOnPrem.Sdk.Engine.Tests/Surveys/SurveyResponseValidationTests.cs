using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Engine.Tests.Surveys;

public sealed class SurveyResponseValidationTests
{
    private static readonly Dictionary<string, string> Text = new() { ["en"] = "q", ["zh"] = "问" };

    private static readonly SurveyTemplate Survey = new()
    {
        Id = "s",
        Name = Text,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Touchpoint = "t" },
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
        ],
    };

    private static string[] Problems(Dictionary<string, IReadOnlyList<string>> answers, bool complete = true) =>
        [.. SurveyResponseValidation.Validate(Survey, answers, new Dictionary<string, string>(), complete).Select(p => $"{p.Key}:{p.Code}")];

    [Fact]
    public void A_complete_response_along_a_branch_passes()
    {
        Assert.Empty(Problems(new()
        {
            ["nps"] = ["3"], ["why"] = ["fees", "other"], ["why/other"] = ["parking"], ["aspects/staff"] = ["4"], ["aspects/wait"] = ["1"],
            ["wait-detail"] = ["45 minutes"],
        }));
    }

    [Fact]
    public void Required_answers_of_shown_questions_and_every_matrix_row_are_needed_to_finish()
    {
        Assert.Equal(["nps:required", "aspects/staff:required", "aspects/wait:required"], Problems([]));
        Assert.Equal(["why:required", "aspects/wait:required"], Problems(new() { ["nps"] = ["2"], ["aspects/staff"] = ["3"] }));
        Assert.Empty(Problems(new() { ["nps"] = ["2"] }, complete: false));
    }

    [Fact]
    public void Answers_to_hidden_questions_and_unpicked_option_texts_are_refused()
    {
        Assert.Equal(["why:hidden-question"], Problems(new() { ["nps"] = ["9"], ["why"] = ["fees"], ["aspects/staff"] = ["5"], ["aspects/wait"] = ["5"] }));
        Assert.Equal(["why/other:hidden-question"], Problems(new() { ["nps"] = ["1"], ["why"] = ["fees"], ["why/other"] = ["x"], ["aspects/staff"] = ["5"], ["aspects/wait"] = ["5"] }));
        Assert.Equal(["wait-detail:hidden-question"], Problems(new() { ["nps"] = ["9"], ["aspects/staff"] = ["5"], ["aspects/wait"] = ["4"], ["wait-detail"] = ["x"] }));
    }

    [Fact]
    public void Values_must_fit_the_question()
    {
        Assert.Equal(["nps:out-of-range"], Problems(new() { ["nps"] = ["11"] }, complete: false));
        Assert.Equal(["nps:not-a-number"], Problems(new() { ["nps"] = ["ten"] }, complete: false));
        Assert.Equal(["nps:single-answer"], Problems(new() { ["nps"] = ["1", "2"] }, complete: false));
        Assert.Equal(["why:unknown-choice"], Problems(new() { ["nps"] = ["1"], ["why"] = ["<script>"] }, complete: false));
        Assert.Equal(["aspects/queue:unknown-question"], Problems(new() { ["aspects/queue"] = ["3"] }, complete: false));
        Assert.Equal(["nope:unknown-question"], Problems(new() { ["nope"] = ["3"] }, complete: false));
        Assert.Equal(["wait-detail:too-long"], Problems(new() { ["aspects/wait"] = ["1"], ["wait-detail"] = [new string('x', SurveyResponseValidation.MaxTextLength + 1)] }, complete: false));
    }

    [Fact]
    public void Blank_values_count_as_unanswered()
    {
        var posted = new Dictionary<string, IReadOnlyList<string>> { ["nps"] = ["7"], ["why"] = [""], ["wait-detail"] = ["  "] };
        Assert.Equal(["nps"], SurveyAnswerKeys.WithoutBlanks(posted).Keys);
    }
}
