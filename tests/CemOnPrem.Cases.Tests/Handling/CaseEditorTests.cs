using CemOnPrem.Cases.Handling;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>Edits on the region database: version checks, the table, the reopen window, one history entry per change.</summary>
public sealed class CaseEditorTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private static readonly CaseResolution Called = new("phone", CaseHarness.Start, "explained", "Called back, explained the fee.");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edit_based_on_a_stale_version_is_refused_and_writes_nothing()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);
        Assert.Equal(CaseEditStatus.Applied, (await cases.Editor.AssignAsync(Region, caseId, new CaseAssignEdit(1, "lead", "agent-a"), Cancellation)).Status);

        var stale = await cases.Editor.AddNoteAsync(Region, caseId, new CaseNoteEdit(1, "agent-b", "late"), Cancellation);

        Assert.Equal((CaseEditStatus.Stale, 2), (stale.Status, stale.Version));
        Assert.Equal(2, await cases.ScalarAsync<int>(Region, "select version from cases where case_id = @caseId", caseId));
        Assert.Equal(["opened", "assigned"], await cases.ActionsAsync(Region, caseId));
    }

    [Fact]
    public async Task A_move_outside_the_table_is_a_conflict_naming_the_allowed_moves()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);

        var result = await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(1, "agent-a", "closed", null), Cancellation);

        Assert.Equal(CaseEditStatus.Conflict, result.Status);
        Assert.Equal(["in-progress"], result.AllowedTransitions);
        Assert.Equal(1, await cases.ScalarAsync<int>(Region, "select version from cases where case_id = @caseId", caseId));
    }

    [Fact]
    public async Task Taking_a_new_case_assigns_it_to_the_taker_and_records_the_first_response()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);
        cases.Clock.Now = CaseHarness.Start.AddHours(3);

        var result = await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(1, "agent-a", "in-progress", null), Cancellation);

        var view = await cases.Reader.GetAsync(Region, caseId, withPersonalText: false, Cancellation);
        Assert.Equal((CaseEditStatus.Applied, 2), (result.Status, result.Version));
        Assert.Equal(("in-progress", "agent-a", CaseHarness.Start.AddHours(3)), (view!.State, view.Assignee, view.FirstResponseAt));
    }

    [Fact]
    public async Task Waiting_for_the_customer_pauses_only_the_pausable_clock_and_resuming_moves_its_due_instant()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region, slaPausable: true, regulatoryPausable: false);
        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(1, "agent-a", "in-progress", null), Cancellation);
        cases.Clock.Now = CaseHarness.Start.AddHours(1);
        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(2, "agent-a", "awaiting-customer", null), Cancellation);
        Assert.Equal(2, await cases.ScalarAsync<int>(Region, "select clocks_version from cases where case_id = @caseId", caseId));
        cases.Clock.Now = CaseHarness.Start.AddHours(7);

        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(3, "agent-a", "in-progress", null), Cancellation);

        var view = await cases.Reader.GetAsync(Region, caseId, withPersonalText: false, Cancellation);
        Assert.Null(view!.PausedAt);
        Assert.Equal(CaseHarness.Start.AddDays(2).AddHours(6), view.Clocks.Single(c => c.Kind == "sla").DueAt);
        Assert.Equal(CaseHarness.Start.AddDays(21), view.Clocks.Single(c => c.Kind == "regulatory").DueAt);
        Assert.Equal(3, await cases.ScalarAsync<int>(Region, "select clocks_version from cases where case_id = @caseId", caseId));
    }

    [Fact]
    public async Task Resolving_needs_the_contact_made_and_stops_the_clocks()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);
        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(1, "agent-a", "in-progress", null), Cancellation);

        var missing = await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(2, "agent-a", "resolved", null), Cancellation);
        var resolved = await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(2, "agent-a", "resolved", Called), Cancellation);

        Assert.Equal((CaseEditStatus.Invalid, "resolution"), (missing.Status, missing.Field));
        Assert.Equal(CaseEditStatus.Applied, resolved.Status);
        var view = await cases.Reader.GetAsync(Region, caseId, withPersonalText: true, Cancellation);
        Assert.Equal(Called, view!.Resolution);
        Assert.All(view.Clocks, clock => Assert.False(clock.Running));
    }

    [Fact]
    public async Task A_resolved_case_reopens_within_the_period_and_not_after_it()
    {
        var cases = new CaseHarness(databases, reopenDays: 3);
        var early = await ResolvedAsync(cases);
        var late = await ResolvedAsync(cases);

        cases.Clock.Now = CaseHarness.Start.AddDays(2);
        var reopened = await cases.Editor.TransitionAsync(Region, early, new CaseTransitionEdit(3, "agent-a", "in-progress", null), Cancellation);
        cases.Clock.Now = CaseHarness.Start.AddDays(4);
        var refused = await cases.Editor.TransitionAsync(Region, late, new CaseTransitionEdit(3, "agent-a", "in-progress", null), Cancellation);

        Assert.Equal(CaseEditStatus.Applied, reopened.Status);
        Assert.Equal(1, await cases.ScalarAsync<int>(Region, "select reopened_count from cases where case_id = @caseId", early));
        Assert.Equal(CaseEditStatus.Conflict, refused.Status);
        Assert.Contains("ReopenDays", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(["closed"], refused.AllowedTransitions);
    }

    [Fact]
    public async Task Closing_calls_the_closure_hook_once_with_non_personal_facts()
    {
        var cases = new CaseHarness(databases);
        var caseId = await ResolvedAsync(cases);

        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(3, "agent-a", "closed", null), Cancellation);
        var again = await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(4, "agent-a", "closed", null), Cancellation);

        Assert.Equal(CaseEditStatus.Conflict, again.Status);
        var call = Assert.Single(cases.Closures.Calls);
        Assert.Equal((caseId, "phone", "explained"), (call.CaseId, call.ResolutionChannel, call.ResolutionOutcome));
        Assert.Equal(["opened", "in-progress", "resolved", "closed"], await cases.ActionsAsync(Region, caseId));
    }

    private static async Task<string> ResolvedAsync(CaseHarness cases)
    {
        var caseId = await cases.OpenAsync(Region);
        await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(1, "agent-a", "in-progress", null), Cancellation);
        Assert.Equal(CaseEditStatus.Applied, (await cases.Editor.TransitionAsync(Region, caseId, new CaseTransitionEdit(2, "agent-a", "resolved", Called), Cancellation)).Status);
        return caseId;
    }
}
