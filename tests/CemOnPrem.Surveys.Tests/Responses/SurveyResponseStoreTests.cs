using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>Completion, refusal of a second answer (also racing), closed invitations, and progress kept and trimmed.</summary>
public sealed class SurveyResponseStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Completing_stores_each_answer_and_marks_the_invitation_completed()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor("太贵了", "Waited 40 minutes"), Cancellation);

        Assert.Equal(ResponseStatus.Stored, outcome.Status);
        var stored = await harness.Store.LoadAsync(invitation, Cancellation);
        Assert.Equal(["fees", "other"], stored["why"]);
        Assert.Equal(["太贵了"], stored["why/other"]);
        Assert.Equal(["1"], stored["aspects/wait"]);
        var state = await harness.QueryAsync<(string, bool, bool)>(Region,
            "select status, completed_at is not null, started_at is not null from invitations where invitation_id = @id", new { id = invitation.InvitationId });
        Assert.Equal(("completed", true, true), state.Single());
        Assert.Equal("completed", await harness.ScalarAsync<string>(Region, "select status from survey_responses where response_id = @id", new { id = outcome.ResponseId }));
    }

    [Fact]
    public async Task A_second_answer_to_an_answered_invitation_is_refused()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation);

        var again = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor("x", "y"), Cancellation);
        var progress = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation);

        Assert.Equal((ResponseStatus.AlreadyAnswered, ResponseStatus.AlreadyAnswered), (again.Status, progress.Status));
        Assert.Equal(["9"], (await harness.Store.LoadAsync(invitation, Cancellation))["nps"]);
        Assert.Equal(1, harness.Events.Appends);
    }

    [Fact]
    public async Task Concurrent_completions_of_one_invitation_store_exactly_one()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var answers = ResponseSurveys.Promoter();
            answers["nps"] = [$"{7 + (i % 4)}"];
            return await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);
        }, Cancellation)).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(racing);

        Assert.Single(outcomes, o => o.Status == ResponseStatus.Stored);
        Assert.All(outcomes.Where(o => o.Status != ResponseStatus.Stored), o => Assert.Equal(ResponseStatus.AlreadyAnswered, o.Status));
        Assert.Equal(1L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_responses where invitation_id = @id", new { id = invitation.InvitationId }));
        Assert.Equal(1, harness.Events.Appends);
    }

    [Theory]
    [InlineData("suppressed", 14)]
    [InlineData("failed", 14)]
    [InlineData("expired", 14)]
    [InlineData("sent", -1)]
    public async Task A_closed_or_expired_invitation_takes_no_answers(string status, int expiresInDays)
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region), status, TimeSpan.FromDays(expiresInDays));

        var completed = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation);
        var saved = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Promoter(), Cancellation);

        Assert.Equal((ResponseStatus.Closed, ResponseStatus.Closed), (completed.Status, saved.Status));
        Assert.Equal(0L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_responses where invitation_id = @id", new { id = invitation.InvitationId }));
    }

    [Fact]
    public async Task Progress_is_kept_and_answers_the_new_ones_hide_are_removed()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));

        var first = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published,
            ResponseSurveys.Answers(("nps", ["4"]), ("why", ["other"]), ("why/other", ["slow app"])), Cancellation);
        var second = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published,
            ResponseSurveys.Answers(("aspects/staff", ["5"]), ("aspects/wait", ["2"]), ("wait-detail", ["long queue"])), Cancellation);
        var afterTwo = await harness.Store.LoadAsync(invitation, Cancellation);
        var third = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published,
            ResponseSurveys.Answers(("nps", ["10"]), ("aspects/wait", ["5"])), Cancellation);
        var afterThree = await harness.Store.LoadAsync(invitation, Cancellation);

        Assert.Equal([ResponseStatus.Stored, ResponseStatus.Stored, ResponseStatus.Stored], new[] { first.Status, second.Status, third.Status });
        Assert.Equal(first.ResponseId, third.ResponseId);
        Assert.Equal(["aspects/staff", "aspects/wait", "nps", "wait-detail", "why", "why/other"], afterTwo.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["aspects/staff", "aspects/wait", "nps"], afterThree.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["10"], afterThree["nps"]);
        var state = await harness.QueryAsync<(string, bool)>(Region,
            "select status, started_at is not null from invitations where invitation_id = @id", new { id = invitation.InvitationId });
        Assert.Equal(("sent", true), state.Single());
    }

    [Fact]
    public async Task A_key_given_blank_in_progress_clears_that_answer()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Answers(("nps", ["8"]), ("aspects/staff", ["3"])), Cancellation);

        await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Answers(("aspects/staff", [""])), Cancellation);

        Assert.Equal(["nps"], (await harness.Store.LoadAsync(invitation, Cancellation)).Keys);
    }
}
