using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Surveys.Responses;

/// <summary>Who may read responses (agents and compliance, case-handling, in scope) and who may submit them (channel clients).</summary>
public sealed class SurveyResponsesAccessTests(SurveyServer server) : IClassFixture<SurveyServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("complaint")]
    [InlineData("dsar")]
    public async Task Reading_responses_without_the_case_handling_purpose_is_forbidden(string? purpose)
    {
        var customerId = await AnsweredCustomerAsync();
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu], purpose);

        using var list = await agent.GetAsync($"/api/v1/surveys/responses?customerId={customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task An_agent_outside_the_customers_org_units_is_refused_like_for_an_unknown_customer()
    {
        var customerId = await AnsweredCustomerAsync();
        using var south = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["south"], [ServerDatabases.Eu]);
        using var north = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["north"], [ServerDatabases.Eu]);
        var responseId = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/responses?customerId={customerId}", Cancellation))[0]
            .GetProperty("responseId").GetString();

        using var outside = await south.GetAsync($"/api/v1/surveys/responses?customerId={customerId}&region=eu-central", Cancellation);
        using var unknown = await north.GetAsync("/api/v1/surveys/responses?customerId=c-0123456789abcdef0123456789abcdef&region=eu-central", Cancellation);
        using var one = await south.GetAsync($"/api/v1/surveys/responses/{responseId}", Cancellation);
        using var inside = await north.GetAsync($"/api/v1/surveys/responses/{responseId}", Cancellation);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (outside.StatusCode, unknown.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (one.StatusCode, inside.StatusCode));
    }

    [Theory]
    [InlineData(CemRoles.Analyst)]
    [InlineData(CemRoles.Admin)]
    public async Task Analysts_and_admins_may_not_read_a_customers_responses(string role)
    {
        var customerId = await AnsweredCustomerAsync();
        using var caller = await server.Factory.CreateClientAsAsync(role, ["hq"], [ServerDatabases.Eu]);

        using var list = await caller.GetAsync($"/api/v1/surveys/responses?customerId={customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task Only_a_channel_client_may_submit_answers_and_nobody_anonymously()
    {
        var token = await server.InvitationAsync(await server.CustomerAsync());
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu]);
        using var anonymous = server.Factory.CreateClient();

        using var byAgent = await agent.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject { ["nps"] = 9 }), Cancellation);
        using var byNobody = await anonymous.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject { ["nps"] = 9 }), Cancellation);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (byAgent.StatusCode, byNobody.StatusCode));
    }

    [Fact]
    public async Task A_malformed_customer_id_or_unknown_region_is_400()
    {
        using var badId = await server.Client.GetAsync("/api/v1/surveys/responses?customerId=%3Cscript%3E", Cancellation);
        using var noId = await server.Client.GetAsync("/api/v1/surveys/responses", Cancellation);
        using var badRegion = await server.Client.GetAsync("/api/v1/surveys/responses?customerId=c-1&region=mars", Cancellation);
        using var badResponse = await server.Client.GetAsync("/api/v1/surveys/responses/not-a-guid", Cancellation);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound],
            new[] { badId.StatusCode, noId.StatusCode, badRegion.StatusCode, badResponse.StatusCode });
    }

    private async Task<string> AnsweredCustomerAsync()
    {
        var customerId = await server.CustomerAsync();
        var token = await server.InvitationAsync(customerId);
        using var done = await server.Integrator.PostAsync("/api/v1/surveys/responses", SurveyServer.Submission(token, new JsonObject { ["nps"] = 9 }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        return customerId;
    }
}
