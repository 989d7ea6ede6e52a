using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Surveys.Responses;

/// <summary>Hostile input to the submission API: always a 4xx problem+json naming what is wrong, never a 5xx, never stored.</summary>
public sealed class SurveyResponsesHostileInputTests(SurveyServer server) : IClassFixture<SurveyServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int, string> Bodies => new()
    {
        { "not JSON", "{\"token\": ", 400, "body" },
        { "an array", "[]", 400, "body" },
        { "no token", "{\"answers\": {}}", 400, "token" },
        { "token not a string", "{\"token\": 5, \"answers\": {}}", 400, "token" },
        { "answers not an object", "{\"token\": \"@TOKEN\", \"answers\": [1]}", 400, "answers" },
        { "an answer that is an object", "{\"token\": \"@TOKEN\", \"answers\": {\"nps\": {\"$gt\": 1}}}", 400, "answers.nps" },
        { "complete not a boolean", "{\"token\": \"@TOKEN\", \"answers\": {}, \"complete\": \"yes\"}", 400, "complete" },
        { "a forged token", "{\"token\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", \"answers\": {\"nps\": 9}}", 404, "" },
        { "a token of the wrong shape", "{\"token\": \"../../etc/passwd\", \"answers\": {\"nps\": 9}}", 404, "" },
        { "a fractional score", "{\"token\": \"@TOKEN\", \"answers\": {\"nps\": 9.5}, \"complete\": true}", 422, "answers.nps" },
        // Control characters and unpaired surrogates are refused before the survey is looked at, as in every JSON body (400).
        { "a control character in text", "{\"token\": \"@TOKEN\", \"answers\": {\"nps\": 9, \"comment\": \"a\\u0000b\"}}", 400, "answers.comment" },
        { "an unpaired surrogate in an answer", "{\"token\": \"@TOKEN\", \"answers\": {\"nps\": \"\\ud800\"}}", 400, "answers.nps" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Hostile_bodies_are_refused_with_a_problem_naming_the_field(string what, string body, int status, string field)
    {
        Assert.NotEmpty(what);
        var token = await server.InvitationAsync(await server.CustomerAsync());

        using var response = await server.Integrator.PostAsync("/api/v1/surveys/responses",
            new StringContent(body.Replace("@TOKEN", token, StringComparison.Ordinal), Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
        {
            Assert.True((await Events.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}");
        }

        Assert.Equal(0L, await server.Factory.Databases.CountAsync("eu-central",
            "select count(*) from survey_responses r join invitations i using (invitation_id) where i.token_hash = @hash",
            new { hash = CemOnPrem.Surveys.Invitations.InvitationTokens.Hash(token) }));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var response = await server.Integrator.PostAsync("/api/v1/surveys/responses", new StringContent("token=x", Encoding.UTF8, "application/x-www-form-urlencoded"), Cancellation);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Script_in_a_text_answer_is_stored_as_text_and_returned_as_json_data()
    {
        var customerId = await server.CustomerAsync();
        var token = await server.InvitationAsync(customerId);

        using var stored = await server.Integrator.PostAsync("/api/v1/surveys/responses",
            SurveyServer.Submission(token, new JsonObject { ["nps"] = 9, ["comment"] = "<img src=x onerror=alert(1)>" }), Cancellation);
        using var read = await server.Client.GetAsync($"/api/v1/surveys/responses?customerId={customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<img src=x onerror=alert(1)>", (await Events.ReadJsonAsync(read)).ToString(), StringComparison.Ordinal);
    }
}
