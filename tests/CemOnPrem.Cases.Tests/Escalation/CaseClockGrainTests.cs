using System.Diagnostics;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using Dapper;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>The clock grain with real reminders: armed by the armer, fired by the reminder service, removed when nothing is pending.</summary>
public sealed class CaseClockGrainTests(ClockCluster cluster) : IClassFixture<ClockCluster>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_armed_case_warns_breaches_and_escalates_through_its_reminder_which_then_goes_away()
    {
        await ClockCases.EnsureTreeAsync(cluster.Databases.Control);
        var now = DateTimeOffset.UtcNow;
        var draft = ClockCases.Draft("branch-01", now, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6));
        await ClockCases.InsertAsync(cluster.Databases.Regions, draft);

        Assert.True(await cluster.Armer().ArmPendingAsync(Cancellation) >= 1);
        Assert.Equal(1, await RemindersAsync(draft.CaseId));

        await EventuallyAsync(async () => (await ClockCases.ActionsAsync(cluster.Databases.Regions, draft.CaseId)).Count >= 4);
        Assert.Equal(["opened", "warning", "breached", "escalated"], await ClockCases.ActionsAsync(cluster.Databases.Regions, draft.CaseId));
        Assert.Equal(("north", 2, 1, 2), await ClockCases.CaseAsync(cluster.Databases.Regions, draft.CaseId));
        await EventuallyAsync(async () => await RemindersAsync(draft.CaseId) == 0);
        await using var connection = await cluster.Databases.Regions.For(ClockCases.Region).OpenConnectionAsync(Cancellation);
        var firedBy = await connection.QueryAsync<string>("select fired_by from case_clock_events where case_id = @id", new { id = draft.CaseId });
        var silos = cluster.Cluster.Silos.Select(silo => silo.SiloAddress.ToString()).ToList();
        Assert.All(firedBy, silo => Assert.Contains(silos, address => silo.Contains(address, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_paused_case_holds_no_reminder_until_it_resumes_and_is_armed_again()
    {
        await ClockCases.EnsureTreeAsync(cluster.Databases.Control);
        var now = DateTimeOffset.UtcNow;
        var draft = ClockCases.Draft("branch-01", now, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), slaPausable: true);
        await ClockCases.InsertAsync(cluster.Databases.Regions, draft);
        await ClockCases.ExecuteAsync(cluster.Databases.Regions, "update cases set paused_at = now(), state = 'awaiting-customer' where case_id = @id", new { id = draft.CaseId });
        var grain = cluster.Cluster.Client.GetGrain<ICaseClockGrain>(RegionalKey.Compose(ClockCases.Region, draft.CaseId));

        var paused = await grain.ArmAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(4), Cancellation);

        Assert.Equal(new CaseClockArming(1, null), paused);
        Assert.Equal(0, await RemindersAsync(draft.CaseId));
        Assert.Equal(["opened"], await ClockCases.ActionsAsync(cluster.Databases.Regions, draft.CaseId));

        // Resuming moves the instants and bumps clocks_version (the handling part's job); the armer re-arms.
        await ClockCases.ExecuteAsync(cluster.Databases.Regions,
            """
            update cases set paused_at = null, state = 'in-progress', sla_warn_at = now() + interval '1 second', sla_due_at = now() + interval '2 seconds',
                clocks_version = clocks_version + 1 where case_id = @id
            """, new { id = draft.CaseId });
        await cluster.Armer().ArmPendingAsync(Cancellation);

        await EventuallyAsync(async () => (await ClockCases.ActionsAsync(cluster.Databases.Regions, draft.CaseId)).Contains("escalated"));
        Assert.Equal(["opened", "warning", "breached", "escalated"], await ClockCases.ActionsAsync(cluster.Databases.Regions, draft.CaseId));
    }

    private async Task<int> RemindersAsync(string caseId)
    {
        await using var connection = await cluster.Databases.Control.DataSource.OpenConnectionAsync(Cancellation);
        return await connection.ExecuteScalarAsync<int>(
            "select count(*)::int from reminders where grain_id like 'case-clock/%' || @caseId", new { caseId });
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Bound, $"Not within {Bound}.");
            await Task.Delay(200, Cancellation);
        }
    }
}
