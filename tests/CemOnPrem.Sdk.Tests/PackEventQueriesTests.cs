using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Tests;

public sealed class PackEventQueriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PackEvent Event(string kind, string? touchpoint, double day) =>
        new() { CustomerKey = "c1", Kind = kind, Touchpoint = touchpoint, OccurredAt = Start.AddDays(day) };

    [Fact]
    public void A_touchpoint_event_with_one_of_the_codes_is_that_touchpoint()
    {
        Assert.True(Event(EventKinds.Touchpoint, "order-placed", 0).IsTouchpoint("order-placed"));
        Assert.True(Event(EventKinds.Touchpoint, "store-purchase", 0).IsTouchpoint("order-placed", "store-purchase"));
        Assert.False(Event(EventKinds.Touchpoint, "order-cancelled", 0).IsTouchpoint("order-placed", "store-purchase"));
        Assert.False(Event(EventKinds.Touchpoint, null, 0).IsTouchpoint("order-placed"));
    }

    [Fact]
    public void A_survey_answer_that_carries_the_touchpoint_code_is_not_the_touchpoint() =>
        Assert.False(Event(EventKinds.Feedback, "order-placed", 0).IsTouchpoint("order-placed"));

    [Fact]
    public void History_within_a_window_includes_its_edge_and_keeps_newest_first_order()
    {
        var current = Event(EventKinds.Touchpoint, "visit", 10);
        PackEvent[] history = [Event(EventKinds.Touchpoint, "a", 9), Event(EventKinds.Touchpoint, "b", 3), Event(EventKinds.Touchpoint, "c", 2.9)];

        var within = new MetricContext(current, history).HistoryWithin(TimeSpan.FromDays(7)).Select(e => e.Touchpoint);

        Assert.Equal(["a", "b"], within);
    }
}
