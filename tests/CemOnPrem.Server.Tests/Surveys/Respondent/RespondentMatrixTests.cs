using System.Text;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Surveys.Respondent;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>How the page renders a matrix and splits a survey into pages (no server needed).</summary>
public sealed class RespondentMatrixTests
{
    private static readonly SurveyQuestion Matrix = new()
    {
        Id = "aspects", Kind = QuestionKind.Matrix, Required = true,
        Text = new Dictionary<string, string> { ["en"] = "Rate <each> aspect", ["zh"] = "请为各方面评分" },
        Scale = new ScaleSpec { ScoreKey = "aspects", Minimum = 1, Maximum = 5 },
        Rows =
        [
            new MatrixRow { Id = "speed", ScoreKey = "csat-speed", Text = new Dictionary<string, string> { ["en"] = "Speed", ["zh"] = "速度" } },
            new MatrixRow { Id = "staff", ScoreKey = "csat-staff", Text = new Dictionary<string, string> { ["en"] = "Staff", ["zh"] = "员工" } },
        ],
    };

    [Fact]
    public void A_matrix_is_a_table_of_radios_with_row_labels_and_its_errors_tied_to_the_row()
    {
        var html = new StringBuilder();
        QuestionHtml.Render(html, Matrix, "zh", PageTexts.For("zh"), new Dictionary<string, IReadOnlyList<string>> { ["aspects/speed"] = ["4"] },
            new Dictionary<string, string> { ["aspects/staff"] = "请回答此问题。" });
        var text = html.ToString();

        Assert.Contains("<legend class=\"qt\">请为各方面评分", text, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" id=\"" + QuestionHtml.FieldId("aspects/speed") + "\">速度", text, StringComparison.Ordinal);
        Assert.Contains("name=\"a.aspects/speed\" value=\"4\" aria-label=\"速度 4\" checked", text, StringComparison.Ordinal);
        Assert.Contains("name=\"a.aspects/staff\" value=\"1\" aria-label=\"员工 1\" aria-describedby=\"e-" + QuestionHtml.FieldId("aspects/staff") + "\"", text, StringComparison.Ordinal);
        Assert.Equal(10, text.Split("type=\"radio\"").Length - 1);
    }

    [Fact]
    public void Survey_texts_are_html_encoded()
    {
        var html = new StringBuilder();
        QuestionHtml.Render(html, Matrix, "en", PageTexts.English, new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>());
        Assert.Contains("Rate &lt;each&gt; aspect", html.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_ends_after_each_question_a_later_condition_tests_by_answer_but_not_by_attribute()
    {
        SurveyQuestion Scale(string id, Condition? showIf = null) => new()
        {
            Id = id, Kind = QuestionKind.Scale, Text = new Dictionary<string, string> { ["en"] = id }, ShowIf = showIf,
            Scale = new ScaleSpec { ScoreKey = id, Minimum = 0, Maximum = 10 },
        };
        var survey = new SurveyTemplate
        {
            Id = "s", Name = new Dictionary<string, string> { ["en"] = "S" }, ConsentPurpose = "feedback-survey",
            Trigger = new SurveyTrigger { Touchpoint = "t" },
            Questions =
            [
                Scale("a"), Scale("b"), Scale("c", new Condition { Answer = "b", Operator = ComparisonOperator.LessThan, Values = ["5"] }),
                Scale("d", new Condition { Attribute = "desk", Values = ["advisor"] }), Scale("e"),
            ],
        };
        var paging = new SurveyPaging(survey);

        Assert.Equal([["a", "b"], ["c", "d", "e"]], paging.Pages.Select(p => p.Select(q => q.Id).ToArray()).ToArray());
        var none = new Dictionary<string, string>();
        Assert.Equal(["e"], paging.Visible(1, new Dictionary<string, IReadOnlyList<string>> { ["b"] = ["9"] }, none).Select(q => q.Id));
        Assert.Equal(["c", "d", "e"], paging.Visible(1, new Dictionary<string, IReadOnlyList<string>> { ["b"] = ["1"] },
            new Dictionary<string, string> { ["desk"] = "advisor" }).Select(q => q.Id));
    }
}
