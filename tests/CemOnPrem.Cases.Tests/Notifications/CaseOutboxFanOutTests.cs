using CemOnPrem.Cases.Notifications;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>History rows become outbox rows exactly once, whoever fans out, and only for the events that are sent.</summary>
public sealed class CaseOutboxFanOutTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_fan_outs_racing_write_each_history_entry_once_per_subscription_and_leave_none_unnotified()
    {
        await using var harness = new NotificationsHarness(databases, o => o.BatchSize = 7);
        await using var other = new NotificationsHarness(databases, o => o.BatchSize = 5);
        await harness.SubscribeAsync("http://127.0.0.1:9/a", new string('a', 32));
        await harness.SubscribeAsync("http://127.0.0.1:9/b", new string('b', 32), events: ["resolved"]);
        var cases = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var caseId = await harness.OpenCaseAsync(Region);
            await harness.AddHistoryAsync(Region, caseId, "transition", "resolved");
            cases.Add(caseId);
        }

        await Task.WhenAll(DrainAsync(harness.FanOut), DrainAsync(other.FanOut), DrainAsync(harness.FanOut));

        await using var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation);
        var rows = (await connection.QueryAsync<(string CaseId, string Event)>(
            "select case_id, event from case_outbox where case_id = any(@cases)", new { cases = cases.ToArray() })).ToList();
        // subscription a: opened + resolved per case; subscription b: resolved only
        Assert.Equal(40 * 3, rows.Count);
        Assert.Equal(40 * 2, rows.Count(r => r.Event == "resolved"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from case_history where not notified and case_id = any(@cases)", new { cases = cases.ToArray() }));
    }

    [Fact]
    public async Task History_that_is_not_a_case_event_is_marked_notified_without_an_outbox_row()
    {
        await using var harness = new NotificationsHarness(databases);
        await harness.SubscribeAsync("http://127.0.0.1:9/a", new string('a', 32), regions: [Region]);
        var caseId = await harness.OpenCaseAsync(Region);
        await harness.AddHistoryAsync(Region, caseId, "note");
        await harness.AddHistoryAsync(Region, caseId, "escalated");

        await DrainAsync(harness.FanOut);

        Assert.Equal(["opened", "escalated"], (await harness.OutboxAsync(Region, caseId)).Select(r => r.Event));
    }

    [Fact]
    public async Task A_subscription_for_another_region_gets_nothing_from_this_one()
    {
        await using var harness = new NotificationsHarness(databases);
        await harness.SubscribeAsync("http://127.0.0.1:9/a", new string('a', 32), regions: [MigratedDatabases.EuCentral]);
        var caseId = await harness.OpenCaseAsync(Region);

        await DrainAsync(harness.FanOut);

        Assert.Empty(await harness.OutboxAsync(Region, caseId));
    }

    [Fact]
    public async Task Without_an_smtp_host_no_email_rows_are_written_for_an_assigned_case()
    {
        await using var harness = new NotificationsHarness(databases);
        var caseId = await harness.OpenCaseAsync(Region, assignee: "user-without-smtp");

        await DrainAsync(harness.FanOut);

        Assert.DoesNotContain(await harness.OutboxAsync(Region, caseId), r => r.Kind == "email");
    }

    private static async Task DrainAsync(CaseOutboxFanOut fanOut)
    {
        while (await fanOut.RunOnceAsync(Region, Cancellation) > 0)
        {
        }
    }
}
