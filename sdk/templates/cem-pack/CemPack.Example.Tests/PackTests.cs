using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Testing;

namespace CemPack.Example.Tests;

/// <summary>The pack as the server will see it: the load and publish rules, then one customer through the example journey.</summary>
public sealed class PackTests
{
    // The pack project copies its JSON files to the output, and that output is copied here.
    private static readonly PackContent Pack = PackContentReader.Read(AppContext.BaseDirectory);
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pack_breaks_no_load_or_publish_rule() =>
        Assert.Empty(PackValidator.Validate(Pack, new ExamplePack()));

    [Fact]
    public void A_detractor_after_a_completed_visit_opens_a_follow_up_case_for_the_store()
    {
        PackEvent[] events =
        [
            PackEvents.Touchpoint("customer-1", "visit-checked-in", Monday, orgUnit: "store-1"),
            PackEvents.Touchpoint("customer-1", "service-started", Monday.AddMinutes(30), orgUnit: "store-1"),
            PackEvents.Touchpoint("customer-1", "visit-completed", Monday.AddHours(1), orgUnit: "store-1"),
            PackEvents.Feedback("customer-1", "visit-completed", Monday.AddHours(2), new Dictionary<string, double> { ["nps"] = 3 }, orgUnit: "store-1"),
        ];

        var result = new PackSimulator(Pack, new ExamplePack()).Run(events, Monday.AddDays(1));

        var journey = Assert.Single(result.Journeys).Instance;
        Assert.Equal(("service-visit", JourneyStatus.Completed), (journey.TemplateId, journey.Status));
        Assert.Equal(["arrival", "service", "done"], journey.Stages.Select(s => s.StageId));
        // One answer, a detractor: NPS -100.
        Assert.Equal(-100, result.Metrics["visit-nps"].Value);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("detractor", "detractor-follow-up", "store", "store-1"), (alert.RuleId, alert.CaseType, alert.RouteToLevel, alert.OrgUnit));
    }
}
