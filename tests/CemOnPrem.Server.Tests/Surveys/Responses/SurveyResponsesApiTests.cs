using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Surveys.Responses;

/// <summary>Submitting answers by token, reading a customer's responses, and a response feeding the NPS rollup.</summary>
public sealed class SurveyResponsesApiTests(SurveyServer server) : IClassFixture<SurveyServer>
{
    private const string Script = "<script>alert('x')</script>";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_response_is_counted_in_the_nps_rollup_and_listed_with_its_text_for_the_customer()
    {
        var before = await NpsCountAsync();
        var customerId = await server.CustomerAsync();
        var token = await server.InvitationAsync(customerId);

        using var submitted = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject
        {
            ["nps"] = 3, ["why"] = new JsonArray("fees", "other"), ["why/other"] = Script, ["comment"] = "排队太久了",
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var responseId = (await Events.ReadJsonAsync(submitted)).GetProperty("responseId").GetString();
        await WaitForNpsCountAsync(before + 1);
        var list = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/responses?customerId={customerId}&region=eu-central", Cancellation);
        var response = Assert.Single(list.EnumerateArray());
        Assert.Equal(responseId, response.GetProperty("responseId").GetString());
        var answers = response.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!);
        Assert.Equal(3, answers["nps"].GetProperty("number").GetInt32());
        Assert.Equal(Script, answers["why/other"].GetProperty("text").GetString());
        Assert.Equal("排队太久了", answers["comment"].GetProperty("text").GetString());
        var one = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/responses/{responseId}", Cancellation);
        Assert.Equal("completed", one.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_read_of_a_customers_responses_is_audited_with_the_customer()
    {
        var customerId = await server.CustomerAsync();
        var head = await server.Factory.Databases.HeadAsync();

        using var read = await server.Client.GetAsync($"/api/v1/surveys/responses?customerId={customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var record = Assert.Single(await server.Factory.Databases.RecordsAfterAsync(head), r => r.Action == "survey-response.list");
        // The trail keeps the subject pseudonymised (never the customer id itself), with the purpose declared.
        Assert.StartsWith("ps", record.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(customerId, record.Text(), StringComparison.Ordinal);
        Assert.Equal("case-handling", record.Purpose);
    }

    [Fact]
    public async Task Saving_part_way_answers_200_and_a_later_completion_201()
    {
        var token = await server.InvitationAsync(await server.CustomerAsync());

        using var part = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject { ["nps"] = 10 }, complete: false), Cancellation);
        using var done = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject { ["nps"] = "10" }), Cancellation);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (part.StatusCode, done.StatusCode));
        Assert.Equal("in-progress", (await Events.ReadJsonAsync(part)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Refused_answers_are_422_listing_each_key_and_nothing_is_stored()
    {
        var token = await server.InvitationAsync(await server.CustomerAsync());

        using var refused = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject
        {
            ["nps"] = 11, ["color"] = "red", ["comment"] = new string('x', 4001),
        }), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await Events.ReadJsonAsync(refused)).GetProperty("errors");
        Assert.Equal(["answers.color", "answers.comment", "answers.nps"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await server.Factory.Databases.CountAsync("eu-central",
            "select count(*) from survey_responses r join invitations i using (invitation_id) where i.token_hash = @hash",
            new { hash = CemOnPrem.Surveys.Invitations.InvitationTokens.Hash(token) }));
    }

    [Fact]
    public async Task A_second_answer_is_409_and_an_expired_invitation_410()
    {
        var answered = await server.InvitationAsync(await server.CustomerAsync());
        var expired = await server.InvitationAsync(await server.CustomerAsync(), expiresInDays: -1);
        using var first = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(answered, new JsonObject { ["nps"] = 8 }), Cancellation);

        using var second = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(answered, new JsonObject { ["nps"] = 2, ["why"] = "fees" }), Cancellation);
        using var late = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(expired, new JsonObject { ["nps"] = 8 }), Cancellation);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Gone), (first.StatusCode, second.StatusCode, late.StatusCode));
    }

    private async Task<long> NpsCountAsync()
    {
        var body = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?orgUnit={SurveyServer.OrgUnit}", Cancellation);
        return body.GetProperty("total").TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
    }

    private async Task WaitForNpsCountAsync(long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await NpsCountAsync() < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the NPS rollup of {SurveyServer.OrgUnit} did not reach n = {expected}");
            await Task.Delay(100, Cancellation);
        }
    }
}
