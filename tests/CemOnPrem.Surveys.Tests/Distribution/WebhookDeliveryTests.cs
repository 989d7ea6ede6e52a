using System.Text.Json;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Tests.Support;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;

namespace CemOnPrem.Surveys.Tests.Distribution;

/// <summary>Invitations posted to the bank's SMS / app-push gateway: signed, retried, de-duplicable, failures visible.</summary>
public sealed class WebhookDeliveryTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "gateway-secret-0123456789-abcdefghijkl";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static GatewayOptions Gateway(WebhookReceiver receiver) => new() { Url = receiver.Url, Secret = Secret, AllowHttp = true };

    [Fact]
    public async Task The_gateway_gets_a_signed_body_with_link_address_and_language_and_the_same_idempotency_key_after_a_500()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Answer(500);
        await using var harness = new SendingHarness(databases, gateway: Gateway(receiver));
        var (customer, seq) = await harness.CustomerAsync(Region, new Dictionary<string, string> { ["locale"] = "en-GB" }, new CustomerIdentity("phone", "+4915112345678"));
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))?.Status == "sent");

        var invitation = (await harness.ByDecisionAsync(Region, decision))!;
        var calls = receiver.Calls.ToList();
        Assert.Equal([500, 200], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.True(c.Verified, "the receiver's own signature check failed"));
        Assert.All(calls, c => Assert.Equal(invitation.Id.ToString(), c.Delivery));
        Assert.All(calls, c => Assert.Equal(GatewayMessage.EventName, c.Event));
        var body = JsonDocument.Parse(calls[1].Body).RootElement;
        Assert.Equal(invitation.Id.ToString(), body.GetProperty("idempotencyKey").GetString());
        Assert.Equal(("phone", "+4915112345678"), (body.GetProperty("address").GetProperty("type").GetString(), body.GetProperty("address").GetProperty("value").GetString()));
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Matches(@"^https://survey\.bank\.example/s/[A-Za-z0-9_-]{43}$", body.GetProperty("link").GetString());
        Assert.Equal(("webhook", "delivered", 2), (invitation.Channel, invitation.OutboxState, invitation.Attempts));
        Assert.NotNull(invitation.DeliveredAt);
        Assert.Null(invitation.Link);
    }

    [Fact]
    public async Task A_refused_delivery_is_a_dead_letter_an_admin_can_retry_once_the_gateway_is_fixed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.DefaultStatus = 400;
        await using var harness = new SendingHarness(databases, gateway: Gateway(receiver));
        var (customer, seq) = await harness.CustomerAsync(Region, null, new CustomerIdentity("phone", "+4915199999999"));
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);
        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))?.OutboxState == "dead");
        var dead = (await harness.ByDecisionAsync(Region, decision))!;
        Assert.Equal(("failed", "delivery-failed"), (dead.Status, dead.Reason));
        Assert.NotNull(dead.Link); // kept so that a retry can still deliver it
        var deadLetters = harness.Get<SurveyDeadLetters>();
        Assert.Contains(await deadLetters.ListAsync(Region, Cancellation), d => d.InvitationId == dead.Id && d.LastError!.Contains("400", StringComparison.Ordinal));

        receiver.DefaultStatus = 200;
        Assert.NotNull(await deadLetters.RetryAsync(Region, dead.Id, Cancellation));
        await harness.PumpAsync(Region, async () => (await harness.ByIdAsync(Region, dead.Id))!.Status == "sent");

        Assert.DoesNotContain(await deadLetters.ListAsync(Region, Cancellation), d => d.InvitationId == dead.Id);
        Assert.Null(await deadLetters.RetryAsync(Region, dead.Id, Cancellation));
    }

    private static void SmallBatches(CemOnPrem.Surveys.Invitations.InvitationOptions options)
    {
        options.FrequencyCap = new() { Days = 0 };
        options.Sending.BatchSize = 3;
    }

    [Fact]
    public async Task Two_nodes_working_at_once_make_one_invitation_per_decision_and_deliver_each_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        // small batches, so that both nodes get a share of the work
        await using var first = new SendingHarness(databases, SmallBatches, gateway: Gateway(receiver), distribution: o => o.BatchSize = 3);
        await using var second = new SendingHarness(databases, SmallBatches, gateway: Gateway(receiver), distribution: o => o.BatchSize = 3);
        var decisions = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (customer, seq) = await first.CustomerAsync(Region, null, new CustomerIdentity("phone", $"+49151{i:D8}"));
            await first.ConsentAsync(Region, customer, "granted");
            decisions.Add(await first.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq));
        }

        async Task<bool> AllSent() => (await Task.WhenAll(decisions.Select(d => first.ByDecisionAsync(Region, d)))).All(i => i?.Status == "sent");
        await Task.WhenAll(first.PumpAsync(Region, AllSent), second.PumpAsync(Region, AllSent));

        var calls = receiver.Calls.ToList();
        Assert.Equal(40, calls.Count);
        Assert.Equal(40, calls.Select(c => c.Delivery).Distinct().Count());
    }
}
