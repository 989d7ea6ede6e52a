using CemOnPrem.Sdk.Engine.Journeys;
using static CemOnPrem.Sdk.Testing.PackEvents;

namespace CemOnPrem.Sdk.Testing.Tests;

public sealed class PackSimulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Simulation_reports_journeys_metrics_and_alerts()
    {
        var simulator = new PackSimulator(ValidPack.Content);

        var result = simulator.Run(
        [
            Touchpoint("a", "fnol", T0),
            Touchpoint("a", "assessed", T0.AddDays(1)),
            Touchpoint("a", "paid", T0.AddDays(3)),
            Feedback("a", "paid", T0.AddDays(4), new Dictionary<string, double> { ["nps"] = 10 }),
            Touchpoint("b", "fnol", T0),
            Touchpoint("b", "assessed", T0.AddDays(1)),
        ], T0.AddDays(20));

        Assert.Equal(JourneyStatus.Completed, result.Journeys.Single(j => j.CustomerKey == "a").Instance.Status);
        Assert.Equal(JourneyStatus.Active, result.Journeys.Single(j => j.CustomerKey == "b").Instance.Status);
        Assert.Equal(100, result.Metrics["settlement-nps"].Value);
        Assert.Equal(72, result.Metrics["cycle-time"].Value);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("stalled", "b"), (alert.RuleId, alert.CustomerKey));
    }
}
