using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Tests.Support;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Surveys.Tests.Invitations;

/// <summary>Trigger decisions become invitations only when the rules still allow it at send time.</summary>
public sealed class SendTimeRulesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_due_decision_with_consent_is_sent_as_a_link_with_the_event_attributes_and_the_customer_language()
    {
        await using var harness = new SendingHarness(databases);
        var (customer, seq) = await harness.CustomerAsync(Region, new Dictionary<string, string> { ["language"] = "zh-CN", ["segment"] = "retail" });
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))?.Status == "sent");

        var sent = (await harness.ByDecisionAsync(Region, decision))!;
        Assert.Equal(("link", "zh", "delivered"), (sent.Channel, sent.Language, sent.OutboxState));
        Assert.Null(sent.Link); // the token left the database with the delivery
        Assert.Contains("\"segment\": \"retail\"", sent.Attributes, StringComparison.Ordinal);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(TimeSpan.FromDays(14), sent.ExpiresAt - sent.SendAfter);
    }

    [Fact]
    public async Task Consent_withdrawn_between_decision_and_send_suppresses_the_invitation()
    {
        await using var harness = new SendingHarness(databases);
        var (customer, seq) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);
        await harness.Planner.RunOnceAsync(Region, Cancellation);
        Assert.Equal("waiting", (await harness.ByDecisionAsync(Region, decision))!.OutboxState);

        await harness.ConsentAsync(Region, customer, "withdrawn");
        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))!.Status != "pending");

        var invitation = (await harness.ByDecisionAsync(Region, decision))!;
        Assert.Equal(("suppressed", "no-consent:" + TestSurveyCatalog.Purpose, "suppressed"), (invitation.Status, invitation.Reason, invitation.OutboxState));
        Assert.Null(invitation.Link);
        Assert.Null(invitation.SentAt);
    }

    [Fact]
    public async Task The_frequency_cap_lets_one_invitation_per_customer_through_within_its_window()
    {
        await using var harness = new SendingHarness(databases);
        var (customer, seq) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var first = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-2), seq);
        var second = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1));

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, second))?.Status is "suppressed" or "sent"
                                                    && (await harness.ByDecisionAsync(Region, first))?.Status is "suppressed" or "sent");

        var statuses = new[] { await harness.ByDecisionAsync(Region, first), await harness.ByDecisionAsync(Region, second) }.Select(i => (i!.Status, i.Reason)).ToList();
        Assert.Equal(1, statuses.Count(s => s.Status == "sent"));
        Assert.Contains(("suppressed", SendTimeChecks.FrequencyCap), statuses);
    }

    [Fact]
    public async Task A_cap_of_zero_days_lets_every_invitation_through()
    {
        await using var harness = new SendingHarness(databases, o => o.FrequencyCap = new() { Days = 0 });
        var (customer, seq) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var first = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-2), seq);
        var second = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1));

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, first))?.Status == "sent"
                                                    && (await harness.ByDecisionAsync(Region, second))?.Status == "sent");
    }

    [Fact]
    public async Task An_unanswered_invitation_past_its_expiry_is_marked_expired_and_its_pending_delivery_stopped()
    {
        await using var harness = new SendingHarness(databases);
        var (customer, seq) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);
        await harness.Planner.RunOnceAsync(Region, Cancellation);
        var id = (await harness.ByDecisionAsync(Region, decision))!.Id;
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync("update invitations set expires_at = now() - interval '1 minute' where invitation_id = @id", new { id });
        }

        Assert.True(await harness.Get<InvitationExpiry>().RunOnceAsync(Region, 1000, Cancellation) >= 1);

        var expired = (await harness.ByIdAsync(Region, id))!;
        Assert.Equal(("expired", "expired"), (expired.Status, expired.OutboxState));
        Assert.Null(expired.Link);
        await harness.Dispatcher.RunOnceAsync(Region, Cancellation);
        Assert.Equal("expired", (await harness.ByIdAsync(Region, id))!.Status);
    }

    [Fact]
    public async Task A_decision_without_consent_at_decision_time_is_never_made_an_invitation()
    {
        await using var harness = new SendingHarness(databases);
        var (customer, _) = await harness.CustomerAsync(Region);
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(
                """
                insert into survey_invitations (pack_id, survey_id, cause, customer_id, region, due_at, decision, reason, decided_at)
                values ('test-pack', 'nps', 'event:987654321', @customer, @region, now() - interval '1 minute', 'suppressed', 'no-consent:feedback-survey', now())
                """, new { customer, region = Region });
        }

        await harness.Planner.RunOnceAsync(Region, Cancellation);

        Assert.Null(await harness.ByDecisionAsync(Region, "test-pack/nps/event:987654321"));
    }
}
