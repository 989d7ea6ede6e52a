using CemOnPrem.Analytics.Model;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Analytics.Tests;

/// <summary>A small pack for the tests: a loan journey with time-outs, and one metric of every kind.</summary>
internal sealed class TestModel : IAnalyticsModels
{
    public const string Loan = "loan";

    public TestModel()
    {
        var pack = new PackContent
        {
            Manifest = new PackManifest
            {
                Id = "test-pack", Version = "1.0.0", Publisher = "tests", SdkVersion = "0.1.0", Name = "Test",
            },
            Journeys =
            [
                new JourneyTemplate
                {
                    Id = Loan, Name = Name("Loan"),
                    EntryTouchpoints = ["loan-applied"], CompletionTouchpoints = ["loan-approved"], AbandonmentTouchpoints = ["loan-withdrawn"],
                    Stages =
                    [
                        new JourneyStage { Id = "apply", Name = Name("Apply"), Touchpoints = ["loan-applied"], AbandonAfter = "P2D" },
                        new JourneyStage { Id = "review", Name = Name("Review"), Touchpoints = ["loan-reviewed"], AbandonAfter = "P5D" },
                        new JourneyStage { Id = "decision", Name = Name("Decision"), Touchpoints = ["loan-approved"] },
                    ],
                },
            ],
            Metrics =
            [
                new MetricDefinition
                {
                    Id = "approval-rate", Name = Name("Approval"), Kind = MetricKind.Rate,
                    Numerator = new EventFilter { Touchpoints = ["loan-approved"] },
                    Denominator = new EventFilter { Kind = EventKinds.Touchpoint, Touchpoints = ["loan-approved", "loan-withdrawn"] },
                },
                new MetricDefinition
                {
                    Id = "decision-time-p50", Name = Name("Decision time"), Kind = MetricKind.DurationPercentile,
                    FromTouchpoint = "loan-applied", ToTouchpoint = "loan-approved", Percentile = 50,
                },
                new MetricDefinition { Id = "loyal-share", Name = Name("Promoters after a touchpoint"), Kind = MetricKind.Custom },
            ],
        };
        Current = new AnalyticsModel([pack], [new PackMetricCalculator("test-pack", "loyal-share", new LoyalShare())]);
    }

    public AnalyticsModel Current { get; }

    public Task<MetricContribution?> ContributeAsync(PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken) =>
        Task.FromResult(calculator.Calculator.Contribute(context));

    private static Dictionary<string, string> Name(string en) => new() { ["en"] = en };

    /// <summary>Among NPS answers given after at least one touchpoint: the share of promoters.</summary>
    private sealed class LoyalShare : IMetricCalculator
    {
        public string MetricId => "loyal-share";

        public MetricContribution? Contribute(MetricContext context) =>
            context.Current.Scores.TryGetValue("nps", out var nps) && context.History.Any(e => e.Kind == EventKinds.Touchpoint)
                ? new MetricContribution(nps >= 9 ? 1 : 0, 1)
                : null;
    }
}
