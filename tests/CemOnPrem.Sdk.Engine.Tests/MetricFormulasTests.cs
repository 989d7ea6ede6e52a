using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Engine.Tests;

public sealed class MetricFormulasTests
{
    [Fact]
    public void Nps_is_promoters_minus_detractors_with_its_95_percent_interval()
    {
        // 5 promoters, 3 detractors of 10: NPS = 50 % − 30 % = 20.
        // Variance of the +1/0/−1 indicator: (0.5 + 0.3 − 0.2²) / 10 = 0.076 → margin 1.96 × √0.076 × 100 ≈ 54.03.
        var (value, low, high) = MetricFormulas.Nps(5, 3, 10);

        Assert.Equal(20, value!.Value, 9);
        Assert.Equal(-34.03, low!.Value, 2);
        Assert.Equal(74.03, high!.Value, 2);
    }

    [Fact]
    public void Nps_interval_is_clamped_to_the_scale_and_empty_groups_have_no_value()
    {
        Assert.Equal((100.0, 100.0, 100.0), MetricFormulas.Nps(3, 0, 3) is var (v, l, h) ? (v!.Value, l!.Value, h!.Value) : default);
        Assert.Equal((null, null, null), MetricFormulas.Nps(0, 0, 0));
    }

    [Fact]
    public void Share_uses_a_wilson_interval()
    {
        // 3 of 4 top-2-box → 75 %; Wilson 95 % interval ≈ [30.06 %, 95.44 %].
        var (value, low, high) = MetricFormulas.Share(3, 4);

        Assert.Equal(75, value!.Value, 9);
        Assert.Equal(30.06, low!.Value, 1);
        Assert.Equal(95.44, high!.Value, 1);
    }

    [Theory]
    [InlineData(50, 3)]
    [InlineData(90, 5)]
    [InlineData(10, 1)]
    [InlineData(99, 5)]
    public void Percentile_is_nearest_rank(int percentile, double expected) =>
        Assert.Equal(expected, MetricFormulas.Percentile([5, 1, 4, 2, 3], percentile));

    [Fact]
    public void Csat_and_ces_over_events_match_hand_computed_values()
    {
        var events = new[] { 5.0, 4, 3, 1 }.Select((s, i) => Event($"c{i}", new() { ["csat"] = s, ["ces"] = 7 - i })).ToList();
        var csat = new MetricCalculation(new MetricDefinition { Id = "csat", Name = Names, Kind = MetricKind.Csat }).Compute(events);
        var ces = new MetricCalculation(new MetricDefinition { Id = "ces", Name = Names, Kind = MetricKind.Ces }).Compute(events);

        Assert.Equal((50.0, 4L), (csat.Value!.Value, csat.N));       // 5 and 4 are top-2-box: 2 of 4
        Assert.Equal((5.5, 4L), (ces.Value!.Value, ces.N));          // (7 + 6 + 5 + 4) / 4
    }

    [Fact]
    public void Custom_metric_sums_contributions_given_each_events_history()
    {
        var calculator = new CountsEarlierEvents();
        var definition = new MetricDefinition { Id = "earlier", Name = Names, Kind = MetricKind.Custom };
        var events = new[] { Event("a", [], 0), Event("a", [], 1), Event("a", [], 2), Event("b", [], 0) };

        var value = new MetricCalculation(definition, calculator).Compute(events);

        // Customer a: histories of 0, 1, 2 earlier events; b: 0 → (0 + 1 + 2 + 0) / 4.
        Assert.Equal(0.75, value.Value);
        Assert.Equal(4, value.N);
    }

    private static readonly Dictionary<string, string> Names = new() { ["en"] = "x", ["zh"] = "x" };

    private static PackEvent Event(string customer, Dictionary<string, double> scores, int day = 0) => new()
    {
        CustomerKey = customer,
        Kind = "feedback",
        OccurredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day),
        Scores = scores,
    };

    private sealed class CountsEarlierEvents : IMetricCalculator
    {
        public string MetricId => "earlier";

        public MetricContribution? Contribute(MetricContext context) => new MetricContribution(context.History.Count, 1);
    }
}
