using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Packs.Validation;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Tests;

/// <summary>One survey checked on its own (an admin-made survey) with the pack rules.</summary>
public sealed class PackRulesSurveyTests
{
    private static readonly Dictionary<string, string> Texts = new() { ["en"] = "Text", ["zh"] = "文本", ["fr"] = "Texte" };
    private static readonly string[] Languages = ["en", "zh", "fr"];

    private static readonly JourneyTemplate Visit = new()
    {
        Id = "visit",
        Name = Texts,
        Stages = [new JourneyStage { Id = "arrive", Name = Texts, Touchpoints = ["check-in"], AbandonAfter = "PT2H" }, new JourneyStage { Id = "served", Name = Texts, Touchpoints = ["teller"] }],
        EntryTouchpoints = ["check-in"],
        CompletionTouchpoints = ["teller"],
    };

    private static SurveyQuestion Matrix => new()
    {
        Id = "aspects", Kind = QuestionKind.Matrix, Text = Texts,
        Scale = new ScaleSpec { ScoreKey = "aspects", Minimum = 1, Maximum = 5 },
        Rows = [new MatrixRow { Id = "wait", Text = Texts, ScoreKey = "csat-wait" }, new MatrixRow { Id = "staff", Text = Texts, ScoreKey = "csat-staff" }],
    };

    private static SurveyTemplate Survey(params SurveyQuestion[] questions) => new()
    {
        Id = "branch-visit",
        Name = Texts,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Touchpoint = "teller" },
        Questions = questions.Length > 0 ? questions : [Matrix],
    };

    private static IReadOnlyList<PackProblem> Check(SurveyTemplate survey) => PackRules.CheckSurvey(survey, ["check-in", "teller"], [Visit], Languages);

    [Fact]
    public void A_matrix_with_a_branch_on_one_of_its_rows_is_valid_in_every_language_the_survey_gives()
    {
        var followUp = new SurveyQuestion
        {
            Id = "why-wait", Kind = QuestionKind.Choice, Text = Texts,
            Choices = [new Choice { Id = "queue", Text = Texts }, new Choice { Id = "other", Text = Texts, AsksForText = true }],
            ShowIf = new Condition { Answer = "aspects/wait", Operator = ComparisonOperator.LessOrEqual, Values = ["2"] },
        };

        Assert.Empty(Check(Survey(Matrix, followUp)));
    }

    [Fact]
    public void Problems_name_the_field_relative_to_the_survey()
    {
        var nps = new SurveyQuestion { Id = "nps", Kind = QuestionKind.Scale, Text = Texts, Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 1, Maximum = 10 } };

        var problem = Assert.Single(Check(Survey(nps)));

        Assert.Equal(("survey-questions", "questions/nps/scale", "nps answers are 0-10; the scale says 1-10."), (problem.Rule, problem.Where, problem.Message));
    }

    [Fact]
    public void A_matrix_row_breaks_the_rules_at_its_own_path()
    {
        var matrix = Matrix with
        {
            Scale = Matrix.Scale! with { Minimum = 0, Maximum = 10 },
            Rows = [new MatrixRow { Id = "wait", Text = new Dictionary<string, string> { ["en"] = "Wait", ["zh"] = "等候" }, ScoreKey = "ces" }, Matrix.Rows[0]],
        };

        var problems = Check(Survey(matrix)).Select(p => (p.Rule, p.Where)).ToList();

        Assert.Equal(
        [
            ("unique-id", "questions/aspects/rows"),
            ("languages", "questions/aspects/rows/wait"),
            ("survey-questions", "questions/aspects/rows/wait/scoreKey"),
        ], problems);
    }

    [Fact]
    public void A_matrix_needs_rows_and_a_scale_whose_minimum_is_below_its_maximum()
    {
        var problems = Check(Survey(Matrix with { Rows = [], Scale = Matrix.Scale! with { Minimum = 5, Maximum = 5 } }));

        Assert.Equal(["questions/aspects/scale: scale minimum must be below maximum. (survey-questions)", "questions/aspects/rows: a matrix question needs at least one row. (survey-questions)"],
            problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("aspects", "name one of its rows, e.g. 'aspects/wait'")]
    [InlineData("aspects/queue", "'queue' is not a row of 'aspects'")]
    [InlineData("nps/x", "only a matrix row may be named after '/'")]
    [InlineData("later", "is not an earlier question")]
    public void A_branch_must_name_an_earlier_question_or_one_row_of_an_earlier_matrix(string answer, string expected)
    {
        var nps = new SurveyQuestion { Id = "nps", Kind = QuestionKind.Scale, Text = Texts, Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 0, Maximum = 10 } };
        var branch = new SurveyQuestion { Id = "why", Kind = QuestionKind.Text, Text = Texts, ShowIf = new Condition { Answer = answer, Values = ["1"] } };

        var problem = Assert.Single(Check(Survey(nps, Matrix, branch)));

        Assert.Equal(("survey-branching", "questions/why/showIf"), (problem.Rule, problem.Where));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_must_come_in_every_language_the_survey_declares()
    {
        var problems = PackRules.CheckSurvey(Survey(), ["check-in", "teller"], [Visit], ["en", "zh", "ja"]);

        Assert.All(problems, p => Assert.Equal("languages", p.Rule));
        Assert.Equal(["name", "questions/aspects", "questions/aspects/rows/wait", "questions/aspects/rows/staff"], problems.Select(p => p.Where));
        Assert.All(problems, p => Assert.EndsWith("has no 'ja' text.", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_trigger_must_name_a_known_touchpoint_or_journey()
    {
        var problem = Assert.Single(Check(Survey() with { Trigger = new SurveyTrigger { Touchpoint = "atm" } }));

        Assert.Equal(("touchpoint-reference", "trigger"), (problem.Rule, problem.Where));
    }
}
