using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;
using Xunit;

namespace CemOnPrem.Analytics.Tests;

/// <summary>Derivation and metric values against fixtures computed by hand.</summary>
public sealed class DerivationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TestModel _model = new();
    private long _sequence;

    [Fact]
    public async Task Nps_csat_and_ces_match_hand_computed_values()
    {
        // NPS: promoters 10,9,9,10,9 (5), detractors 6,3,0 (3) of 10 → 50 % − 30 % = 20.
        double[] nps = [10, 9, 9, 8, 7, 6, 3, 10, 0, 9];
        double[] csat = [5, 4, 3, 2, 5]; // top-2-box 3 of 5 → 60 %
        double[] ces = [1, 2, 3, 4, 5, 6, 7]; // mean 4
        var rows = nps.Select(s => Feedback("nps", s)).Concat(csat.Select(s => Feedback("csat", s))).Concat(ces.Select(s => Feedback("ces", s))).ToList();
        var cells = (await DeriveAsync(rows, T0.AddDays(1))).Cells;

        Assert.Equal(20, Value("nps", cells), 9);
        Assert.Equal(60, Value("csat", cells), 9);
        Assert.Equal(4, Value("ces", cells), 9);
        var npsCell = Sum(cells, "nps");
        Assert.Equal((10, 5, 3), (npsCell.N, npsCell.A, npsCell.B));
    }

    [Fact]
    public async Task A_completed_journey_has_its_stage_times_and_a_full_funnel()
    {
        var rows = new[]
        {
            Touch("loan-applied", T0, "b1"), Touch("loan-reviewed", T0.AddDays(1), "b2"), Touch("loan-approved", T0.AddDays(3), "b2"),
        };
        var state = await DeriveAsync(rows, T0.AddDays(10));

        var journey = Assert.Single(state.Journeys);
        Assert.Equal(("completed", "decision"), (journey.Status, journey.CurrentStage));
        var cells = state.Cells;
        Assert.Equal(86_400m, Sum(cells, BuiltInMetrics.TimeInStage, "apply").S1);
        Assert.Equal(172_800m, Sum(cells, BuiltInMetrics.TimeInStage, "review").S1);
        Assert.Equal((1, 1, 0), Funnel(cells, "review"));
        Assert.Equal("b1", cells.Cells.Single(c => c.Key.Metric == BuiltInMetrics.Funnel && c.Key.Stage == "apply").Key.OrgUnit);
        Assert.InRange(Value("decision-time-p50", cells), 72 * 0.95, 72 * 1.05); // 3 days, read back from a 10 %-wide bucket
        Assert.Equal(100, Value("approval-rate", cells), 9);
    }

    [Fact]
    public async Task Events_arriving_out_of_order_give_the_same_journey_as_in_order()
    {
        var inOrder = new[] { Touch("loan-applied", T0), Touch("loan-reviewed", T0.AddHours(5)), Touch("loan-approved", T0.AddHours(30)) };
        var reversed = inOrder.Reverse().Select((row, i) => row with { Sequence = 100 + i }).ToList();

        var a = await DeriveAsync(inOrder, T0.AddDays(9));
        var b = await DeriveAsync(reversed, T0.AddDays(9));

        Assert.Equal(RollupCellsJson.Write(a.Cells), RollupCellsJson.Write(b.Cells));
        Assert.Equal(a.Journeys.Single() with { StagesJson = "" }, b.Journeys.Single() with { StagesJson = "" });
        Assert.Equal(a.Journeys.Single().StagesJson, b.Journeys.Single().StagesJson);
    }

    [Fact]
    public async Task A_stalled_journey_is_abandoned_at_its_stage_time_out_and_the_next_time_out_is_known()
    {
        var rows = new[] { Touch("loan-applied", T0) };

        var running = await DeriveAsync(rows, T0.AddDays(1));
        Assert.Equal("active", running.Journeys.Single().Status);
        Assert.Equal(T0.AddDays(2), running.NextDue);
        Assert.Equal((1, 0, 0), Funnel(running.Cells, "apply"));

        var stalled = await DeriveAsync(rows, T0.AddDays(2));
        var journey = stalled.Journeys.Single();
        Assert.Equal(("abandoned", T0.AddDays(2)), (journey.Status, journey.EndedAt));
        Assert.Null(stalled.NextDue);
        Assert.Equal((1, 0, 1), Funnel(stalled.Cells, "apply"));
    }

    [Fact]
    public async Task Feedback_after_a_completed_journey_belongs_to_the_journey_stage_of_its_touchpoint()
    {
        var rows = new[]
        {
            Touch("loan-applied", T0), Touch("loan-approved", T0.AddDays(1)),
            Feedback("nps", 10, T0.AddDays(2)) with { Touchpoint = "loan-approved" },
            Feedback("nps", 3, T0.AddDays(2)), // no touchpoint and no running journey: unattributed
        };
        var cells = (await DeriveAsync(rows, T0.AddDays(3))).Cells;

        var nps = cells.Cells.Where(c => c.Key.Metric == "nps").ToDictionary(c => (c.Key.Journey, c.Key.Stage), c => c.Value.N);
        Assert.Equal(1, nps[(TestModel.Loan, "decision")]);
        Assert.Equal(1, nps[("", "")]);
        Assert.Equal(0.5, Value("loyal-share", cells), 9); // both answers came after a touchpoint: 1 promoter of 2
    }

    private Task<CustomerAnalyticsState> DeriveAsync(IReadOnlyList<AnalyticsEventRow> rows, DateTimeOffset now) =>
        new CustomerDerivation(_model.Current, _model.ContributeAsync).DeriveAsync("c-1", rows, now, TestContext.Current.CancellationToken);

    private AnalyticsEventRow Touch(string touchpoint, DateTimeOffset at, string? orgUnit = null) =>
        new("c-1", ++_sequence, "touchpoint", touchpoint, orgUnit, at, "{}", "{}");

    private AnalyticsEventRow Feedback(string key, double score, DateTimeOffset? at = null) =>
        new("c-1", ++_sequence, "feedback", null, null, at ?? T0, $"{{\"{key}\": {score}}}", "{}");

    private double Value(string metricId, RollupCells cells) =>
        MetricValueOf.Compute(_model.Current.FindMetric(metricId)!, Sum(cells, metricId)).Value!.Value;

    private static RollupValues Sum(RollupCells cells, string metric, string? stage = null)
    {
        var total = new RollupValues();
        foreach (var (key, values) in cells.Cells.Where(c => c.Key.Metric == metric && (stage is null || c.Key.Stage == stage)))
        {
            total.Add(values);
        }

        return total;
    }

    private static (long Entered, long Completed, long Dropped) Funnel(RollupCells cells, string stage)
    {
        var values = Sum(cells, BuiltInMetrics.Funnel, stage);
        return (values.N, values.A, values.B);
    }
}
