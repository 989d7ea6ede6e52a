using System.Text.Json;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Escalation;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.OrgUnits;
using CemOnPrem.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>A reminder tick against the real region database: warnings, breaches and escalations, each exactly once.</summary>
public sealed class CaseClockFiringTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Warn = TimeSpan.FromHours(6);
    private static readonly TimeSpan Due = TimeSpan.FromHours(8);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_warns_then_breaches_and_escalates_one_level_with_a_higher_priority()
    {
        var draft = await OpenAsync("branch-01");
        var firing = Firing();

        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + Warn - TimeSpan.FromMinutes(1), Cancellation);
        Assert.Equal(["opened"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        var afterWarning = await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + Warn, Cancellation);
        Assert.Equal(["opened", "warning"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(Opened + Due, CaseClockThresholds.Next(afterWarning!));
        var afterBreach = await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + Due + TimeSpan.FromSeconds(1), Cancellation);

        Assert.Equal(["opened", "warning", "breached", "escalated"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(["sla/breach", "sla/warning"], await ClockCases.EventsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(("north-city", 2, 1, 2), await ClockCases.CaseAsync(databases.Regions, draft.CaseId));
        using var detail = JsonDocument.Parse(Assert.Single(await ClockCases.EscalationsAsync(databases.Regions, draft.CaseId)));
        Assert.Equal(("sla", "branch-01", "north-city", 3, 2), (
            detail.RootElement.GetProperty("clock").GetString(), detail.RootElement.GetProperty("fromUnit").GetString(),
            detail.RootElement.GetProperty("toUnit").GetString(), detail.RootElement.GetProperty("fromPriority").GetInt32(),
            detail.RootElement.GetProperty("priority").GetInt32()));
        Assert.Null(CaseClockThresholds.Next(afterBreach!));
    }

    [Fact]
    public async Task A_tick_delivered_twice_escalates_once()
    {
        var draft = await OpenAsync("branch-01");
        var firing = Firing();
        var late = Opened + Due + TimeSpan.FromMinutes(5);

        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", late, Cancellation);
        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", late + TimeSpan.FromMinutes(1), Cancellation);

        Assert.Equal(["opened", "breached", "escalated"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(("north-city", 2, 1, 2), await ClockCases.CaseAsync(databases.Regions, draft.CaseId));
    }

    [Fact]
    public async Task Two_silos_firing_the_same_tick_at_once_escalate_once()
    {
        var draft = await OpenAsync("branch-01");
        var firing = Firing();
        var late = Opened + Due + TimeSpan.FromMinutes(5);

        var ticks = Enumerable.Range(0, 6).Select(i => Task.Run(() => firing.FireAsync(ClockCases.Region, draft.CaseId, $"silo-{i}", late, Cancellation), Cancellation));
        await Task.WhenAll(ticks);

        Assert.Equal(["opened", "breached", "escalated"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(["sla/breach"], await ClockCases.EventsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(("north-city", 2, 1, 2), await ClockCases.CaseAsync(databases.Regions, draft.CaseId));
    }

    [Fact]
    public async Task A_paused_clock_does_not_fire_but_a_clock_that_does_not_pause_does()
    {
        var regulatory = new CaseClock("final-response", SlaUnit.BusinessDays, Opened + Due, Opened + Warn, Pausable: false);
        var draft = await OpenAsync("branch-01", slaPausable: true, regulatory: regulatory);
        await ClockCases.ExecuteAsync(databases.Regions, "update cases set paused_at = @at, state = 'awaiting-customer' where case_id = @id",
            new { at = Opened + TimeSpan.FromHours(1), id = draft.CaseId });
        var firing = Firing();

        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + TimeSpan.FromDays(3), Cancellation);

        Assert.Equal(["regulatory/breach"], await ClockCases.EventsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(["opened", "breached", "escalated"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
    }

    [Fact]
    public async Task A_resolved_case_fires_nothing()
    {
        var draft = await OpenAsync("branch-01");
        await ClockCases.ExecuteAsync(databases.Regions, "update cases set state = 'resolved' where case_id = @id", new { id = draft.CaseId });
        var firing = Firing();

        var state = await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + TimeSpan.FromDays(3), Cancellation);

        Assert.Empty(await ClockCases.EventsAsync(databases.Regions, draft.CaseId));
        Assert.Null(CaseClockThresholds.Next(state!));
    }

    [Fact]
    public async Task The_chain_setting_sends_a_branch_case_straight_to_the_region()
    {
        var draft = await OpenAsync("branch-01");
        var firing = Firing(new Dictionary<string, string> { ["branch"] = "region" });

        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + Due, Cancellation);

        Assert.Equal(("north", 2, 1, 2), await ClockCases.CaseAsync(databases.Regions, draft.CaseId));
    }

    [Fact]
    public async Task Both_clocks_breaching_escalate_twice_and_a_case_at_the_root_stays_there_at_priority_one()
    {
        var regulatory = new CaseClock("final-response", SlaUnit.BusinessDays, Opened + Due, Opened + Warn, Pausable: false);
        var draft = await OpenAsync("north", priority: 2, regulatory: regulatory);
        var firing = Firing();

        await firing.FireAsync(ClockCases.Region, draft.CaseId, "silo-a", Opened + TimeSpan.FromDays(1), Cancellation);

        Assert.Equal(["opened", "breached", "escalated", "breached", "escalated"], await ClockCases.ActionsAsync(databases.Regions, draft.CaseId));
        Assert.Equal(("hq", 1, 2, 3), await ClockCases.CaseAsync(databases.Regions, draft.CaseId));
        using var escalation = JsonDocument.Parse((await ClockCases.EscalationsAsync(databases.Regions, draft.CaseId))[^1]);
        var last = escalation.RootElement;
        Assert.Equal(("hq", "hq", false, 1), (last.GetProperty("fromUnit").GetString(), last.GetProperty("toUnit").GetString(),
            last.GetProperty("moved").GetBoolean(), last.GetProperty("priority").GetInt32()));
        Assert.Contains("root", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private async Task<CemOnPrem.Cases.Opening.NewCase> OpenAsync(string queueUnit, int priority = 3, bool slaPausable = false, CaseClock? regulatory = null)
    {
        await ClockCases.EnsureTreeAsync(databases.Control);
        var draft = ClockCases.Draft(queueUnit, Opened, Warn, Due, priority, slaPausable, regulatory);
        await ClockCases.InsertAsync(databases.Regions, draft);
        return draft;
    }

    private CaseClockFiring Firing(Dictionary<string, string>? chain = null) => new(
        databases.Regions, new OrgTreeCache(new OrgUnitStore(databases.Control), TimeProvider.System),
        Options.Create(new EscalationOptions { Chain = chain ?? [] }), NullLogger<CaseClockFiring>.Instance);
}
