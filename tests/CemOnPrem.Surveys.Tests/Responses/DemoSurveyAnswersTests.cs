using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Server.Demo;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>The demo's made-up answers are ones the store accepts, and they take the branches a CX team wants to see.</summary>
public sealed class DemoSurveyAnswersTests
{
    [Fact]
    public void Demo_answers_always_pass_validation_and_include_detractors_with_their_branch_and_texts_in_both_languages()
    {
        var attributes = new Dictionary<string, string> { ["segment"] = "vip" };
        var generated = Enumerable.Range(0, 200)
            .Select(seed => DemoSurveyAnswers.For(ResponseSurveys.Template, attributes, seed % 2 == 0 ? "zh" : "en", seed)).ToList();

        Assert.All(generated, answers => Assert.Empty(SurveyResponseValidation.Validate(ResponseSurveys.Template, answers, attributes, complete: true)));
        var detractors = generated.Where(a => int.Parse(a["nps"][0], System.Globalization.CultureInfo.InvariantCulture) <= 6).ToList();
        Assert.InRange(detractors.Count, 20, 90);
        Assert.All(detractors, a => Assert.True(a.ContainsKey("why")));
        Assert.Contains(generated, a => a.TryGetValue("why/other", out var t) && t[0].Any(c => c > 0x4e00));
        Assert.Contains(generated, a => a.TryGetValue("wait-detail", out var t) && t[0].StartsWith("The", StringComparison.Ordinal));
    }
}
