using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Testing.Tests;

public sealed class PackValidatorTests
{
    [Fact]
    public void Valid_pack_has_no_issues() => Assert.Empty(PackValidator.Validate(ValidPack.Content));

    public static TheoryData<string, string> Defects => new()
    {
        { "manifest-id", "is not a lower-case reverse-DNS name" },
        { "manifest-id-starts-with-digit", "is not a lower-case reverse-DNS name" },
        { "manifest-id-label-ends-with-hyphen", "is not a lower-case reverse-DNS name" },
        { "manifest-version", "is not a semantic version (major.minor.patch)" },
        { "sdk-range-excludes-sdk", "SDK range mismatch" },
        { "sdk-range-invalid", "is not a version range" },
        { "duplicate-journey", "is used 2 times" },
        { "stage-without-touchpoints", "no customer can reach it" },
        { "stage-without-timeout", "so no customer stays in it forever" },
        { "touchpoint-in-two-stages", "must mean one stage" },
        { "entry-not-in-first-stage", "is not in the first stage" },
        { "completion-not-in-last-stage", "is not in the last stage" },
        { "missing-zh-name", "has no 'zh' text" },
        { "metric-unknown-touchpoint", "is not a touchpoint of the pack's journeys" },
        { "custom-metric-without-code", "custom metrics need code" },
        { "forward-branch", "is not an earlier question" },
        { "self-branch", "is not an earlier question" },
        { "branch-unknown-choice", "is not one of its choices" },
        { "nps-scale-wrong", "nps answers are 0-10" },
        { "survey-unknown-stage", "is not a stage of 'claim'" },
        { "matrix-without-rows", "a matrix question needs at least one row" },
        { "matrix-without-scale", "a matrix question needs a scale" },
        { "matrix-row-twice", "row id 'speed' is used 2 times" },
        { "matrix-row-bad-score-key", "scoreKey 'Speed Score' " },
        { "matrix-row-csat-on-0-10", "csat answers are 1-5; the scale says 0-10" },
        { "matrix-row-missing-zh", "text has no 'zh' text" },
        { "branch-on-whole-matrix", "name one of its rows, e.g. 'aspects/speed'" },
        { "branch-on-unknown-row", "'wait' is not a row of 'aspects'" },
        { "rule-unknown-journey", "is not a journey of the pack" },
        { "rule-two-triggers", "exactly one of event, stalledJourney, metric" },
        { "missing-zh-lexicon", "no lexicon for 'zh'" },
        { "retention-unknown-category", "is neither a host category" },
        { "retention-other-packs-category", "is neither a host category" },
        { "retention-zero-days", "must be between 1 and 3660 days (is 0)" },
        { "retention-too-long", "must be between 1 and 3660 days (is 3661)" },
        { "retention-no-reason", "needs a reason" },
        { "retention-twice", "has 2 defaults" },
    };

    [Fact]
    public void Retention_defaults_for_host_and_own_categories_are_valid()
    {
        var pack = WithRetention(ValidPack.Content, Retention(DataRetention.FeedbackFreeText, 365), Retention(DataRetention.InactiveCustomers, DataRetention.MaxDefaultDays),
            Retention(ValidPack.Content.Manifest.Id + "/claim-photos", 1));

        Assert.Empty(PackValidator.Validate(pack));
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void Each_defect_is_reported(string defect, string expected)
    {
        var issues = PackValidator.Validate(Break(ValidPack.Content, defect));

        Assert.Contains(issues, issue => issue.Problem.Contains(expected, StringComparison.Ordinal));
    }

    private static PackContent WithMatrix(PackContent pack, Func<SurveyQuestion, SurveyQuestion> change)
    {
        var survey = ValidPack.Survey;
        return pack with { Surveys = [survey with { Questions = [.. survey.Questions.Select(q => q.Kind == QuestionKind.Matrix ? change(q) : q)] }] };
    }

    private static PackContent WithBranch(PackContent pack, string answer)
    {
        var survey = ValidPack.Survey;
        return pack with { Surveys = [survey with { Questions = [.. survey.Questions.Select(q => q.Id == "slow" ? q with { ShowIf = q.ShowIf! with { Answer = answer } } : q)] }] };
    }

    private static PackContent Break(PackContent pack, string defect)
    {
        var journey = ValidPack.Journey;
        var survey = ValidPack.Survey;
        return defect switch
        {
            "manifest-id" => pack with { Manifest = pack.Manifest with { Id = "Claims Pack" } },
            "manifest-id-starts-with-digit" => pack with { Manifest = pack.Manifest with { Id = "9bank.x" } },
            "manifest-id-label-ends-with-hyphen" => pack with { Manifest = pack.Manifest with { Id = "com.acme-.bank" } },
            "manifest-version" => pack with { Manifest = pack.Manifest with { Version = "1.0" } },
            "sdk-range-excludes-sdk" => pack with { Manifest = pack.Manifest with { SdkVersion = "[2.0.0,3.0.0)" } },
            "sdk-range-invalid" => pack with { Manifest = pack.Manifest with { SdkVersion = "latest" } },
            "duplicate-journey" => pack with { Journeys = [journey, journey] },
            "stage-without-touchpoints" => pack with { Journeys = [journey with { Stages = [journey.Stages[0], journey.Stages[1] with { Touchpoints = [] }, journey.Stages[2]] }] },
            "stage-without-timeout" => pack with { Journeys = [journey with { Stages = [journey.Stages[0] with { AbandonAfter = null }, journey.Stages[1], journey.Stages[2]] }] },
            "touchpoint-in-two-stages" => pack with { Journeys = [journey with { Stages = [journey.Stages[0], journey.Stages[1] with { Touchpoints = ["assessed", "fnol"] }, journey.Stages[2]] }] },
            "entry-not-in-first-stage" => pack with { Journeys = [journey with { EntryTouchpoints = ["assessed"] }] },
            "completion-not-in-last-stage" => pack with { Journeys = [journey with { CompletionTouchpoints = ["assessed"] }] },
            "missing-zh-name" => pack with { Journeys = [journey with { Name = new Dictionary<string, string> { ["en"] = "Claim" } }] },
            "metric-unknown-touchpoint" => pack with { Metrics = [.. pack.Metrics, new MetricDefinition { Id = "x", Name = ValidPack.Names, Kind = MetricKind.Csat, Filter = new EventFilter { Touchpoints = ["nowhere"] } }] },
            "custom-metric-without-code" => pack with { Metrics = [.. pack.Metrics, new MetricDefinition { Id = "x", Name = ValidPack.Names, Kind = MetricKind.Custom }] },
            "forward-branch" => pack with { Surveys = [survey with { Questions = [survey.Questions[0] with { ShowIf = new Condition { Answer = "why", Values = ["speed"] } }, survey.Questions[1]] }] },
            "self-branch" => pack with { Surveys = [survey with { Questions = [survey.Questions[0], survey.Questions[1] with { ShowIf = new Condition { Answer = "why", Values = ["speed"] } }] }] },
            "branch-unknown-choice" => pack with { Surveys = [survey with { Questions = [.. survey.Questions, new SurveyQuestion { Id = "more", Kind = QuestionKind.Text, Text = ValidPack.Names, ShowIf = new Condition { Answer = "why", Values = ["price"] } }] }] },
            "nps-scale-wrong" => pack with { Surveys = [survey with { Questions = [survey.Questions[0] with { Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 1, Maximum = 10 } }, survey.Questions[1]] }] },
            "matrix-without-rows" => WithMatrix(pack, m => m with { Rows = [] }),
            "matrix-without-scale" => WithMatrix(pack, m => m with { Scale = null }),
            "matrix-row-twice" => WithMatrix(pack, m => m with { Rows = [m.Rows[0], m.Rows[0]] }),
            "matrix-row-bad-score-key" => WithMatrix(pack, m => m with { Rows = [m.Rows[0] with { ScoreKey = "Speed Score" }] }),
            "matrix-row-csat-on-0-10" => WithMatrix(pack, m => m with { Scale = m.Scale! with { Minimum = 0, Maximum = 10 }, Rows = [m.Rows[0] with { ScoreKey = "csat" }] }),
            "matrix-row-missing-zh" => WithMatrix(pack, m => m with { Rows = [m.Rows[0] with { Text = new Dictionary<string, string> { ["en"] = "Speed" } }] }),
            "branch-on-whole-matrix" => WithBranch(pack, "aspects"),
            "branch-on-unknown-row" => WithBranch(pack, "aspects/wait"),
            "survey-unknown-stage" => pack with { Surveys = [survey with { Trigger = new SurveyTrigger { Journey = "claim", Stage = "triage" } }] },
            "rule-unknown-journey" => pack with { Rules = [pack.Rules[0] with { Trigger = new Rules.RuleTrigger { StalledJourney = new Rules.StalledJourney { Journey = "policy", Stage = "x" } } }] },
            "rule-two-triggers" => pack with { Rules = [pack.Rules[0] with { Trigger = pack.Rules[0].Trigger with { Event = new EventFilter() } }] },
            "missing-zh-lexicon" => pack with { Lexicons = [pack.Lexicons[0]] },
            "retention-unknown-category" => WithRetention(pack, Retention("call-recordings", 30)),
            "retention-other-packs-category" => WithRetention(pack, Retention("com.other.pack/call-recordings", 30)),
            "retention-zero-days" => WithRetention(pack, Retention(DataRetention.FeedbackFreeText, 0)),
            "retention-too-long" => WithRetention(pack, Retention(DataRetention.FeedbackFreeText, DataRetention.MaxDefaultDays + 1)),
            "retention-no-reason" => WithRetention(pack, Retention(DataRetention.FeedbackFreeText, 30) with { Reason = " " }),
            "retention-twice" => WithRetention(pack, Retention(DataRetention.FeedbackFreeText, 30), Retention(DataRetention.FeedbackFreeText, 60)),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
    }

    private static RetentionDefault Retention(string category, int days) => new() { Category = category, Days = days, Reason = "test" };

    private static PackContent WithRetention(PackContent pack, params RetentionDefault[] defaults) =>
        pack with { Manifest = pack.Manifest with { RetentionDefaults = defaults } };
}
