using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Surveys.Definitions;

namespace CemOnPrem.Surveys.Tests.Support;

/// <summary>
/// A catalog holding one published survey in zh and en under consent purpose <c>feedback-survey</c>. A stand-in for
/// the definitions part's catalog (admin-made surveys are not built yet) so these tests need no signed pack build.
/// </summary>
public sealed class TestSurveyCatalog : ISurveyCatalog
{
    public const string Key = "test-pack:nps";
    public const string Version = "1.0.0";
    public const string Purpose = "feedback-survey";

    public static PublishedSurvey Survey { get; } = new(Key, Version, "test-pack", new SurveyTemplate
    {
        Id = "nps",
        Name = new Dictionary<string, string> { ["en"] = "Branch visit", ["zh"] = "网点服务" },
        Trigger = new SurveyTrigger { Touchpoint = "branch-visit" },
        ConsentPurpose = Purpose,
        Questions =
        [
            new SurveyQuestion
            {
                Id = "nps", Kind = QuestionKind.Scale, Required = true,
                Text = new Dictionary<string, string> { ["en"] = "Would you recommend us?", ["zh"] = "您会推荐我们吗？" },
                Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 0, Maximum = 10 },
            },
        ],
    }, null);

    public Task<PublishedSurvey?> FindAsync(string key, string? version, CancellationToken cancellationToken) =>
        Task.FromResult(key == Key && (version is null || version == Version) ? Survey : null);

    public Task<IReadOnlyList<PublishedSurvey>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PublishedSurvey>>([Survey]);
}
