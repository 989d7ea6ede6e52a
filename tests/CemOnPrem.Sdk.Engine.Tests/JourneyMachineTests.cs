using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Engine.Tests;

public sealed class JourneyMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JourneyTemplate Claim(bool concurrent) => new()
    {
        Id = "claim",
        Name = new Dictionary<string, string> { ["en"] = "Claim" },
        AllowConcurrentInstances = concurrent,
        EntryTouchpoints = ["fnol"],
        CompletionTouchpoints = ["paid"],
        AbandonmentTouchpoints = ["withdrawn"],
        Stages =
        [
            Stage("notice", ["fnol"], "P10D"),
            Stage("assessment", ["assessed", "inspection"], "P20D"),
            Stage("payment", ["paid"], null),
        ],
    };

    private static JourneyStage Stage(string id, string[] touchpoints, string? abandonAfter) =>
        new() { Id = id, Name = new Dictionary<string, string> { ["en"] = id }, Touchpoints = touchpoints, AbandonAfter = abandonAfter };

    private static PackEvent At(string touchpoint, double days) =>
        new() { CustomerKey = "c", Kind = "touchpoint", Touchpoint = touchpoint, OccurredAt = T0.AddDays(days) };

    [Fact]
    public void A_skipped_stage_is_not_entered()
    {
        var journey = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("paid", 3)], T0.AddDays(5)).Single();

        Assert.Equal(JourneyStatus.Completed, journey.Status);
        Assert.Equal(["notice", "payment"], journey.Stages.Select(s => s.StageId));
    }

    [Fact]
    public void Abandonment_touchpoint_ends_the_running_journey()
    {
        var journey = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("withdrawn", 1)], T0.AddDays(5)).Single();

        Assert.Equal((JourneyStatus.Abandoned, T0.AddDays(1)), (journey.Status, journey.EndedAt));
    }

    [Fact]
    public void Touchpoint_without_a_running_journey_starts_nothing()
    {
        Assert.Empty(new JourneyMachine(Claim(false)).Replay([At("assessed", 0), At("paid", 1)], T0.AddDays(5)));
    }

    [Fact]
    public void Entry_during_a_running_journey_continues_it_unless_concurrency_is_allowed()
    {
        PackEvent[] events = [At("fnol", 0), At("fnol", 1), At("assessed", 2)];

        var single = new JourneyMachine(Claim(false)).Replay(events, T0.AddDays(3));
        var concurrent = new JourneyMachine(Claim(true)).Replay(events, T0.AddDays(3));

        Assert.Single(single);
        Assert.Equal(2, concurrent.Count);
        Assert.Equal("assessment", concurrent[0].Current.StageId); // the oldest running claim moves first
        Assert.Equal("notice", concurrent[1].Current.StageId);
    }

    [Fact]
    public void Feedback_about_a_touchpoint_moves_no_journey()
    {
        var answer = At("fnol", 0) with { Kind = "feedback", Scores = new Dictionary<string, double> { ["nps"] = 3 } };

        Assert.Empty(new JourneyMachine(Claim(false)).Replay([answer], T0.AddDays(1)));
    }

    [Fact]
    public void Entry_touchpoint_in_a_later_stage_of_a_single_instance_journey_continues_it()
    {
        var journeys = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("assessed", 1), At("fnol", 2)], T0.AddDays(3));

        Assert.Equal("assessment", Assert.Single(journeys).Current.StageId);
    }

    [Fact]
    public void A_new_journey_starts_after_the_previous_one_ended()
    {
        var journeys = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("paid", 1), At("fnol", 5)], T0.AddDays(6));

        Assert.Equal([JourneyStatus.Completed, JourneyStatus.Active], journeys.Select(j => j.Status));
        Assert.Equal([1, 2], journeys.Select(j => j.Instance));
    }

    [Fact]
    public void Stage_timeout_abandons_at_the_moment_it_expired_even_when_a_later_event_arrives()
    {
        var journey = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("assessed", 11)], T0.AddDays(12)).Single();

        Assert.Equal((JourneyStatus.Abandoned, T0.AddDays(10)), (journey.Status, journey.EndedAt));
    }

    [Fact]
    public void Last_stage_without_timeout_and_active_journey_stays_active()
    {
        var journey = new JourneyMachine(Claim(false)).Replay([At("fnol", 0), At("assessed", 1)], T0.AddDays(15)).Single();

        Assert.Equal(JourneyStatus.Active, journey.Status);
        Assert.Null(journey.Current.ExitedAt);
    }
}
