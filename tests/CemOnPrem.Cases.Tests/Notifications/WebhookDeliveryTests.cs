using System.Text.Json;
using CemOnPrem.Cases.Notifications;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>Case events to a real loopback receiver that checks every signature: delivery, retries, dead letters.</summary>
public sealed class WebhookDeliveryTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "receiver-shared-secret-0123456789abcdef";

    private static readonly string[] PayloadFields =
    [
        "region", "caseId", "event", "occurredAt", "historyEntry", "type", "state", "priority", "queueUnit", "orgUnit", "assigneeId", "escalationLevel",
        "slaDueAt", "regulatoryDueAt",
    ];

    [Fact]
    public async Task A_case_event_reaches_the_receiver_signed_with_the_subscription_secret_and_without_personal_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var harness = new NotificationsHarness(databases);
        await harness.SubscribeAsync(receiver.Url, Secret);
        var caseId = await harness.OpenCaseAsync(Region);

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "delivered" }]);

        var call = Assert.Single(receiver.Calls, c => c.Body.Contains(caseId, StringComparison.Ordinal));
        Assert.True(call.Verified);
        Assert.Equal("opened", call.Event);
        var row = Assert.Single(await harness.OutboxAsync(Region, caseId));
        Assert.Equal(row.Id.ToString(), call.Delivery);
        using var body = JsonDocument.Parse(call.Body);
        // exactly these fields (stored as jsonb, so in PostgreSQL's key order): ids, codes and instants, no customer or free text
        Assert.Equal(
            PayloadFields.Order(StringComparer.Ordinal),
            body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("complaint", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_receiver_that_answers_500_gets_the_delivery_again_until_it_answers_200()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var harness = new NotificationsHarness(databases);
        await harness.SubscribeAsync(receiver.Url, Secret);
        receiver.Answer(500, 503);
        var caseId = await harness.OpenCaseAsync(Region);

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "delivered" }]);

        var calls = receiver.Calls.Where(c => c.Body.Contains(caseId, StringComparison.Ordinal)).ToList();
        Assert.Equal([500, 503, 200], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.True(c.Verified));
        Assert.Single(calls.Select(c => c.Delivery).Distinct());
        Assert.Equal(3, Assert.Single(await harness.OutboxAsync(Region, caseId)).Attempts);
    }

    [Fact]
    public async Task A_delivery_is_dead_after_MaxAttempts_listed_as_a_dead_letter_and_delivered_when_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.DefaultStatus = 500;
        await using var harness = new NotificationsHarness(databases, o => o.MaxAttempts = 3);
        await harness.SubscribeAsync(receiver.Url, Secret);
        var caseId = await harness.OpenCaseAsync(Region);

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "dead" }]);

        var dead = Assert.Single(await harness.Get<DeadLetters>().ListAsync(Region, TestContext.Current.CancellationToken), d => d.CaseId == caseId);
        Assert.Equal((3, "HTTP 500", "opened"), (dead.Attempts, dead.LastError, dead.Event));
        Assert.Equal(3, receiver.Calls.Count(c => c.Body.Contains(caseId, StringComparison.Ordinal)));

        receiver.DefaultStatus = 200;
        Assert.NotNull(await harness.Get<DeadLetters>().RetryAsync(Region, dead.Id, TestContext.Current.CancellationToken));
        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "delivered" }]);

        Assert.Equal(1, Assert.Single(await harness.OutboxAsync(Region, caseId)).Attempts);
        Assert.DoesNotContain(await harness.Get<DeadLetters>().ListAsync(Region, TestContext.Current.CancellationToken), d => d.CaseId == caseId);
    }

    [Fact]
    public async Task A_receiver_that_refuses_with_400_makes_the_delivery_dead_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.DefaultStatus = 400;
        await using var harness = new NotificationsHarness(databases);
        await harness.SubscribeAsync(receiver.Url, Secret);
        var caseId = await harness.OpenCaseAsync(Region);

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "dead" }]);

        var row = Assert.Single(await harness.OutboxAsync(Region, caseId));
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("HTTP 400", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claimed_delivery_whose_node_died_is_delivered_by_another_after_the_lease()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var harness = new NotificationsHarness(databases, o => o.LeaseSeconds = 10);
        await harness.SubscribeAsync(receiver.Url, Secret);
        var caseId = await harness.OpenCaseAsync(Region);
        await harness.FanOut.RunOnceAsync(Region, TestContext.Current.CancellationToken);
        // A node claims the row and dies before recording anything: the lease has moved next_attempt_at ahead.
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "update case_outbox set next_attempt_at = now() + interval '10 seconds', lease_token = gen_random_uuid(), attempts = 1 where case_id = @caseId",
                new { caseId });
        }

        await harness.Dispatcher.RunOnceAsync(Region, TestContext.Current.CancellationToken);
        Assert.Equal(("pending", 1), (await harness.OutboxAsync(Region, caseId)).Select(r => (r.State, r.Attempts)).Single());
        Assert.DoesNotContain(receiver.Calls, c => c.Body.Contains(caseId, StringComparison.Ordinal));
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // the lease runs out
            await Dapper.SqlMapper.ExecuteAsync(connection, "update case_outbox set next_attempt_at = now() where case_id = @caseId", new { caseId });
        }

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)) is [{ State: "delivered" }]);
        Assert.Equal(2, Assert.Single(await harness.OutboxAsync(Region, caseId)).Attempts);
    }
}
