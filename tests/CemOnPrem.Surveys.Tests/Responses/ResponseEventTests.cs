using System.Text.Json;
using CemOnPrem.Ingest;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>A finished response becomes one feedback event for the invitation's customer, with the questions' score keys.</summary>
public sealed class ResponseEventTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_response_is_one_feedback_event_of_its_customer_with_every_score_key()
    {
        var harness = new ResponseHarness(databases);
        var customerId = await harness.CustomerAsync(Region);
        var invitation = await harness.InvitationAsync(Region, customerId);

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor("other", "queue"), Cancellation);

        var events = await harness.QueryAsync<(string Kind, string Customer, string? Touchpoint, string? OrgUnit, string Scores, string Attributes)>(Region,
            "select kind, customer_id, touchpoint, org_unit, scores::text, attributes::text from events where source = 'survey' and event_id = @id",
            new { id = outcome.ResponseId!.Value.ToString("D") });
        var stored = Assert.Single(events);
        Assert.Equal(("feedback", customerId, "branch-visit", "north-01"), (stored.Kind, stored.Customer, stored.Touchpoint, stored.OrgUnit));
        var scores = JsonSerializer.Deserialize<Dictionary<string, double>>(stored.Scores)!;
        Assert.Equal(new Dictionary<string, double> { ["nps"] = 3, ["csat-staff"] = 4, ["csat-wait"] = 1 }, scores);
        Assert.Equal("account-opening", JsonSerializer.Deserialize<Dictionary<string, string>>(stored.Attributes)!["journey"]);
        Assert.True(await harness.ScalarAsync<bool>(Region, "select event_appended_at is not null from survey_responses where response_id = @id", new { id = outcome.ResponseId }));
    }

    [Fact]
    public async Task When_the_event_cannot_be_appended_the_response_is_not_acknowledged_and_stays_unappended()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        harness.Events.Down = true;

        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation));

        var rows = await harness.QueryAsync<(string, bool)>(Region,
            "select status, event_appended_at is null from survey_responses where invitation_id = @id", new { id = invitation.InvitationId });
        Assert.Equal(("completed", true), rows.Single());
    }
}
