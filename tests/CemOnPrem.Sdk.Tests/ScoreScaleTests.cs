using CemOnPrem.Sdk;

namespace CemOnPrem.Sdk.Tests;

public sealed class ScoreScaleTests
{
    [Theory]
    [InlineData("nps", 0, true)]
    [InlineData("nps", 10, true)]
    [InlineData("nps", 11, false)]
    [InlineData("nps", -1, false)]
    [InlineData("nps", 7.5, false)]
    [InlineData("csat", 1, true)]
    [InlineData("csat", 0, false)]
    [InlineData("csat", 5, true)]
    [InlineData("ces", 7, true)]
    [InlineData("ces", 8, false)]
    [InlineData("nps", double.NaN, false)]
    [InlineData("nps", double.PositiveInfinity, false)]
    public void Built_in_scales_allow_only_their_answers(string key, double value, bool allowed) =>
        Assert.Equal(allowed, ScoreScale.BuiltIn[key].Allows(value));

    [Fact]
    public void Description_names_the_range() =>
        Assert.Equal("must be a whole number from 0 to 10", ScoreScale.Nps.Describe());

    [Fact]
    public void Event_kinds_are_touchpoint_and_feedback_only()
    {
        Assert.True(EventKinds.IsKnown("touchpoint"));
        Assert.True(EventKinds.IsKnown("feedback"));
        Assert.False(EventKinds.IsKnown("Feedback"));
        Assert.False(EventKinds.IsKnown(null));
    }
}
