using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Rules;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Sdk.Text;

namespace CemOnPrem.Sdk.Testing.Tests;

/// <summary>A small pack that passes the kit; tests break one thing at a time.</summary>
internal static class ValidPack
{
    public static readonly Dictionary<string, string> Names = new() { ["en"] = "Name", ["zh"] = "名称" };

    public static JourneyTemplate Journey => new()
    {
        Id = "claim",
        Name = Names,
        EntryTouchpoints = ["fnol"],
        CompletionTouchpoints = ["paid"],
        AbandonmentTouchpoints = ["withdrawn"],
        Stages =
        [
            new JourneyStage { Id = "notice", Name = Names, Touchpoints = ["fnol"], AbandonAfter = "P30D" },
            new JourneyStage { Id = "assessment", Name = Names, Touchpoints = ["assessed"], AbandonAfter = "P60D", Sla = new Sla { Amount = 5, Unit = SlaUnit.BusinessDays } },
            new JourneyStage { Id = "payment", Name = Names, Touchpoints = ["paid"] },
        ],
    };

    public static SurveyTemplate Survey => new()
    {
        Id = "after-claim",
        Name = Names,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Journey = "claim", OnCompletion = true },
        Questions =
        [
            new SurveyQuestion { Id = "nps", Kind = QuestionKind.Scale, Text = Names, Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 0, Maximum = 10 } },
            new SurveyQuestion
            {
                Id = "why", Kind = QuestionKind.Choice, Text = Names,
                Choices = [new Choice { Id = "speed", Text = Names }, new Choice { Id = "amount", Text = Names }, new Choice { Id = "other", Text = Names, AsksForText = true }],
                ShowIf = new Condition { Answer = "nps", Operator = ComparisonOperator.LessOrEqual, Values = ["6"] },
            },
            new SurveyQuestion
            {
                Id = "aspects", Kind = QuestionKind.Matrix, Text = Names,
                Scale = new ScaleSpec { ScoreKey = "aspects", Minimum = 1, Maximum = 5 },
                Rows = [new MatrixRow { Id = "speed", Text = Names, ScoreKey = "csat-speed" }, new MatrixRow { Id = "staff", Text = Names, ScoreKey = "csat-staff" }],
            },
            new SurveyQuestion
            {
                Id = "slow", Kind = QuestionKind.Text, Text = Names,
                ShowIf = new Condition { Answer = "aspects/speed", Operator = ComparisonOperator.LessOrEqual, Values = ["2"] },
            },
        ],
    };

    public static PackContent Content => new()
    {
        Manifest = new PackManifest { Id = "com.example.claims", Version = "1.0.0", Publisher = "example", Name = "Claims", SdkVersion = "[0.1.0,0.2.0)" },
        Journeys = [Journey],
        Metrics =
        [
            new MetricDefinition { Id = "settlement-nps", Name = Names, Kind = MetricKind.Nps, Filter = new EventFilter { Touchpoints = ["paid"] } },
            new MetricDefinition { Id = "cycle-time", Name = Names, Kind = MetricKind.DurationPercentile, FromTouchpoint = "fnol", ToTouchpoint = "paid", Percentile = 90 },
        ],
        Surveys = [Survey],
        Rules =
        [
            new CaseRule
            {
                Id = "stalled", Name = Names, CaseType = "stalled-claim", RouteToLevel = "claims-team",
                Sla = new Sla { Amount = 1, Unit = SlaUnit.BusinessDays },
                Trigger = new RuleTrigger { StalledJourney = new StalledJourney { Journey = "claim", Stage = "assessment" } },
            },
        ],
        Lexicons =
        [
            new TextLexicon { Language = "en", Topics = [new TextTopic { Id = "speed", Name = "Speed", Terms = ["slow"] }], Positive = ["good"], Negative = ["bad"] },
            new TextLexicon { Language = "zh", Topics = [new TextTopic { Id = "speed", Name = "速度", Terms = ["慢"] }], Positive = ["好"], Negative = ["差"] },
        ],
    };
}
