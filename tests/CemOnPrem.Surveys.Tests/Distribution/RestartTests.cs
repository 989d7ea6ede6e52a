using CemOnPrem.Contracts.Customers;
using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Tests.Support;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;
using Dapper;

namespace CemOnPrem.Surveys.Tests.Distribution;

/// <summary>Sends pending when a node stops (or dies mid-delivery) are delivered by the next one: nothing is lost.</summary>
public sealed class RestartTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "gateway-secret-0123456789-abcdefghijkl";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invitations_planned_by_a_stopped_node_and_one_claimed_by_a_dead_node_are_all_delivered_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var gateway = new GatewayOptions { Url = receiver.Url, Secret = Secret, AllowHttp = true };
        var decisions = new List<string>();
        await using (var before = new SendingHarness(databases, o => o.FrequencyCap = new() { Days = 0 }, gateway: gateway))
        {
            for (var i = 0; i < 5; i++)
            {
                var (customer, seq) = await before.CustomerAsync(Region, null, new CustomerIdentity("phone", $"+49152{i:D8}"));
                await before.ConsentAsync(Region, customer, "granted");
                decisions.Add(await before.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq));
            }

            Assert.Equal(5, await before.Planner.RunOnceAsync(Region, Cancellation));
        }

        // A node that claimed one delivery, passed its gate and died before recording anything: its lease has run out.
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(
                """
                update survey_outbox set state = 'pending', attempts = 1, lease_token = gen_random_uuid(), next_attempt_at = now() - interval '1 second'
                where invitation_id = (select invitation_id from invitations where decision_key = @key)
                """, new { key = decisions[0] });
        }

        await using var after = new SendingHarness(databases, o => o.FrequencyCap = new() { Days = 0 }, gateway: gateway);
        await after.PumpAsync(Region, async () => (await Task.WhenAll(decisions.Select(d => after.ByDecisionAsync(Region, d)))).All(i => i?.Status == "sent"));

        Assert.Equal(5, receiver.Calls.Select(c => c.Delivery).Distinct().Count());
        Assert.Equal(2, (await after.ByDecisionAsync(Region, decisions[0]))!.Attempts);
    }
}
