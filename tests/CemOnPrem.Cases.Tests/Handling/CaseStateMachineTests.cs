using CemOnPrem.Cases.Handling;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>The transition table as docs/cases.md states it, and the reopen window.</summary>
public sealed class CaseStateMachineTests
{
    [Theory]
    [InlineData("new", "in-progress")]
    [InlineData("assigned", "in-progress,resolved")]
    [InlineData("in-progress", "awaiting-customer,resolved")]
    [InlineData("awaiting-customer", "in-progress,resolved")]
    [InlineData("resolved", "closed,in-progress")]
    [InlineData("closed", "in-progress")]
    public void Each_state_allows_exactly_the_documented_moves(string from, string allowed) =>
        Assert.Equal(allowed.Split(','), CaseStateMachine.AllowedFrom(from));

    [Theory]
    [InlineData("new", "resolved")]
    [InlineData("new", "closed")]
    [InlineData("in-progress", "closed")]
    [InlineData("awaiting-customer", "closed")]
    [InlineData("closed", "resolved")]
    [InlineData("in-progress", "assigned")]
    public void Moves_outside_the_table_are_refused(string from, string to) => Assert.False(CaseStateMachine.IsAllowed(from, to));

    [Fact]
    public void Only_moves_out_of_a_finished_state_back_to_work_are_reopens()
    {
        Assert.True(CaseStateMachine.IsReopen("resolved", "in-progress"));
        Assert.True(CaseStateMachine.IsReopen("closed", "in-progress"));
        Assert.False(CaseStateMachine.IsReopen("awaiting-customer", "in-progress"));
    }

    [Fact]
    public void The_first_response_is_the_first_move_out_of_the_queue()
    {
        Assert.True(CaseStateMachine.IsFirstResponse("new", "in-progress"));
        Assert.True(CaseStateMachine.IsFirstResponse("assigned", "resolved"));
        Assert.False(CaseStateMachine.IsFirstResponse("in-progress", "awaiting-customer"));
    }

    [Fact]
    public void A_case_can_be_reopened_up_to_the_configured_days_after_resolution_and_not_after()
    {
        var resolved = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

        Assert.True(CaseStateMachine.MayReopen(resolved, resolved.AddDays(14), 14));
        Assert.False(CaseStateMachine.MayReopen(resolved, resolved.AddDays(14).AddSeconds(1), 14));
    }

    [Theory]
    [InlineData(0, "business-days", 5, false)]
    [InlineData(367, "business-days", 5, false)]
    [InlineData(14, "weeks", 5, false)]
    [InlineData(14, "business-days", 0, false)]
    [InlineData(14, "business-days", 5, true)]
    public void Settings_outside_their_range_fail_at_start_naming_the_setting(int reopenDays, string unit, double amount, bool valid)
    {
        var options = new CaseHandlingOptions { ReopenDays = reopenDays, ManualDefaults = new ManualCaseDefaults { SlaUnit = unit, SlaAmount = amount } };

        var result = new CaseHandlingOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Cem:Cases:", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
