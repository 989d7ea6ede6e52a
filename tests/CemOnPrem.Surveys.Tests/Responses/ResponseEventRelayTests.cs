using CemOnPrem.Ingest;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>The relay appends the events a crash left behind, once, and leaves fresh completions to the store.</summary>
public sealed class ResponseEventRelayTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_crash_between_commit_and_event_the_relay_appends_the_event_once()
    {
        var harness = new ResponseHarness(databases);
        var customerId = await harness.CustomerAsync(Region);
        var invitation = await harness.InvitationAsync(Region, customerId);
        harness.Events.Down = true;
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation));
        harness.Events.Down = false;
        var responseId = (await harness.QueryAsync<Guid>(Region, "select response_id from survey_responses where invitation_id = @id", new { id = invitation.InvitationId })).Single();

        var early = await Relay(harness, TimeSpan.Zero).RunOnceAsync(Region, Cancellation);
        var late = await Relay(harness, TimeSpan.FromMinutes(5)).RunOnceAsync(Region, Cancellation);
        var again = await Relay(harness, TimeSpan.FromMinutes(5)).RunOnceAsync(Region, Cancellation);

        Assert.Equal((0, 1, 0), (early, late, again));
        var events = await harness.QueryAsync<(string Customer, string Scores)>(Region,
            "select customer_id, scores::text from events where source = 'survey' and event_id = @id", new { id = responseId.ToString("D") });
        Assert.Equal(customerId, Assert.Single(events).Customer);
        Assert.Contains("\"nps\": 9", events[0].Scores, StringComparison.Ordinal);
        Assert.True(await harness.ScalarAsync<bool>(Region, "select event_appended_at is not null from survey_responses where response_id = @responseId", new { responseId }));
    }

    [Fact]
    public async Task An_event_appended_before_a_crash_is_not_appended_twice()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor("x", "y"), Cancellation);
        // The crash came after the append but before event_appended_at was set.
        await harness.ScalarAsync<int>(Region, "update survey_responses set event_appended_at = null where response_id = @id returning 1", new { id = outcome.ResponseId });

        var relayed = await Relay(harness, TimeSpan.FromMinutes(5)).RunOnceAsync(Region, Cancellation);

        Assert.Equal(1, relayed);
        Assert.Equal(1L, await harness.ScalarAsync<long>(Region, "select count(*) from events where source = 'survey' and event_id = @id",
            new { id = outcome.ResponseId!.Value.ToString("D") }));
    }

    private ResponseEventRelay Relay(ResponseHarness harness, TimeSpan ahead) =>
        new(databases.Regions, harness.ResponseEvents, new FixedCatalog(ResponseSurveys.Published),
            Options.Create(new SurveyResponsesOptions { RelayGraceSeconds = 30 }), new LaterTime(ahead), NullLogger<ResponseEventRelay>.Instance);
}
