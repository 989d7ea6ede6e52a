using System.Text.Json;
using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Governance.Surveys;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Projection;

namespace CemOnPrem.Server.Tests.Governance;

/// <summary>Which occurrences a survey trigger finds in a customer's events and journeys, and when each is due.</summary>
public sealed class SurveyCauseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly AnalyticsEventRow[] Events =
    [
        new("c-1", 41, "interaction", "loan-application", "b1", T0, "{}", "{}"),
        new("c-1", 42, "interaction", "loan-decision", "b1", T0.AddDays(2), "{}", "{}"),
        new("c-1", 43, "interaction", "loan-application", "b1", T0.AddDays(9), "{}", "{}"),
    ];

    private static readonly JourneyRow[] Journeys =
    [
        new("c-1", "loan", 1, "completed", "decided", T0, T0.AddDays(2), Stages(("applied", T0), ("decided", T0.AddDays(2)))),
        new("c-1", "loan", 2, "active", "applied", T0.AddDays(9), null, Stages(("applied", T0.AddDays(9)))),
        new("c-1", "card", 1, "completed", "issued", T0, T0.AddDays(1), Stages(("issued", T0))),
    ];

    [Fact]
    public void A_touchpoint_trigger_finds_each_event_there_due_after_the_delay()
    {
        var causes = SurveyCause.Find(new SurveyTrigger { Touchpoint = "loan-application", Delay = "PT2H" }, Events, Journeys).ToList();

        Assert.Equal(["event:41", "event:43"], causes.Select(c => c.Cause));
        Assert.Equal([T0.AddHours(2), T0.AddDays(9).AddHours(2)], causes.Select(c => c.DueAt));
    }

    [Fact]
    public void A_stage_trigger_finds_each_entry_into_the_stage_of_that_journey_only()
    {
        var causes = SurveyCause.Find(new SurveyTrigger { Journey = "loan", Stage = "applied" }, Events, Journeys).ToList();

        Assert.Equal(2, causes.Count);
        Assert.Equal([T0, T0.AddDays(9)], causes.Select(c => c.DueAt));
        Assert.All(causes, c => Assert.Contains(":loan:", c.Cause, StringComparison.Ordinal));
        Assert.Equal(2, causes.Select(c => c.Cause).Distinct().Count());
    }

    [Fact]
    public void A_completion_trigger_finds_completed_instances_only()
    {
        var causes = SurveyCause.Find(new SurveyTrigger { Journey = "loan", OnCompletion = true, Delay = "P1D" }, Events, Journeys).ToList();

        var completed = Assert.Single(causes);
        Assert.Equal(T0.AddDays(3), completed.DueAt);
        Assert.EndsWith(":completed", completed.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_history_gives_the_same_causes_so_re_derivation_adds_nothing()
    {
        var trigger = new SurveyTrigger { Journey = "loan", Stage = "decided", Touchpoint = "loan-decision" };

        Assert.Equal(SurveyCause.Find(trigger, Events, Journeys).Select(c => c.Cause), SurveyCause.Find(trigger, Events, Journeys).Select(c => c.Cause));
    }

    private static string Stages(params (string Stage, DateTimeOffset EnteredAt)[] visits) =>
        JsonSerializer.Serialize(visits.Select(v => new StageVisitJson(v.Stage, v.EnteredAt, null)), StageVisitJson.Options);
}
