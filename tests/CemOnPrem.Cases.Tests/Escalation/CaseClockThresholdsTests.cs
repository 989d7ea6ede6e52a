using CemOnPrem.Cases.Escalation;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>Which clock instants are pending, which have passed, and when the reminder fires next.</summary>
public sealed class CaseClockThresholdsTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CaseClockState Open = new()
    {
        CaseId = "case-1", Region = "eu-central", State = "in-progress", QueueUnit = "branch-01", Priority = 3, ClocksVersion = 1,
        SlaWarnAt = Opened.AddHours(6), SlaDueAt = Opened.AddHours(8),
        RegName = "final-response", RegWarnAt = Opened.AddHours(7), RegDueAt = Opened.AddHours(10),
    };

    [Fact]
    public void Pending_instants_of_both_clocks_come_earliest_first()
    {
        var pending = CaseClockThresholds.Pending(Open);

        Assert.Equal(["sla/warning", "regulatory/warning", "sla/breach", "regulatory/breach"], pending.Select(t => $"{t.Clock}/{t.Kind}"));
        Assert.Equal(Opened.AddHours(6), CaseClockThresholds.Next(Open));
    }

    [Fact]
    public void A_recorded_warning_leaves_the_breach_next()
    {
        var state = Open with { Recorded = new HashSet<(string, string)> { ("sla", "warning"), ("regulatory", "warning") } };

        Assert.Equal(Opened.AddHours(8), CaseClockThresholds.Next(state));
    }

    [Fact]
    public void A_breach_passed_together_with_its_warning_supersedes_the_warning()
    {
        var passed = CaseClockThresholds.Passed(Open, Opened.AddHours(9));

        Assert.Equal(["regulatory/warning", "sla/breach"], passed.Select(t => $"{t.Clock}/{t.Kind}"));
    }

    [Fact]
    public void A_paused_case_runs_only_the_clocks_that_do_not_pause()
    {
        var state = Open with { PausedAt = Opened.AddHours(1), SlaPausable = true, RegPausable = false };

        Assert.All(CaseClockThresholds.Pending(state), t => Assert.Equal("regulatory", t.Clock));
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("closed")]
    public void A_finished_case_has_nothing_pending(string finished)
    {
        Assert.Null(CaseClockThresholds.Next(Open with { State = finished }));
    }

    [Fact]
    public void A_case_whose_clocks_all_breached_has_nothing_pending()
    {
        var state = Open with { Recorded = new HashSet<(string, string)> { ("sla", "breach"), ("regulatory", "breach") } };

        Assert.Empty(CaseClockThresholds.Pending(state));
    }
}
