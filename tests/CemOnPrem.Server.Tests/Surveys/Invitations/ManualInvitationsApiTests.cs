using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Governance;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Surveys.Invitations;

/// <summary>
/// POST /api/v1/surveys/{surveyKey}/invitations and GET /api/v1/surveys/invitations/{id} on the real server with a
/// signed pack's survey (<see cref="PrivacyServer"/>): the link once, the rules of a trigger's invitation, bad input named, access denied.
/// </summary>
public sealed class ManualInvitationsApiTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private const string SurveyKey = PrivacyServer.PackId + ":" + PrivacyServer.SurveyId;
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invitation_for_a_consenting_customer_returns_its_link_once_and_its_status_without_the_token()
    {
        var customer = await CustomerAsync(consent: "granted");

        var created = await PostAsync(server.Client, Body(customer));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Events.ReadJsonAsync(created);
        Assert.Equal(("sent", "link", "en"), (body.GetProperty("status").GetString(), body.GetProperty("channel").GetString(), body.GetProperty("language").GetString()));
        Assert.Matches(@"/s/[A-Za-z0-9_-]{43}$", body.GetProperty("link").GetString());
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/surveys/invitations/{id}", created.Headers.Location?.OriginalString);
        var status = await server.Client.GetStringAsync($"/api/v1/surveys/invitations/{id}", Cancellation);
        Assert.DoesNotContain("/s/", status, StringComparison.Ordinal);
        var view = JsonDocument.Parse(status).RootElement;
        Assert.Equal(("sent", "manual"), (view.GetProperty("status").GetString(), view.GetProperty("origin").GetString()));
        Assert.Equal(TimeSpan.FromDays(14), view.GetProperty("expiresAt").GetDateTimeOffset() - view.GetProperty("sendAfter").GetDateTimeOffset());
    }

    [Fact]
    public async Task Without_consent_the_invitation_is_suppressed_and_has_no_link()
    {
        var customer = await CustomerAsync(consent: null);

        var body = await Events.ReadJsonAsync(await PostAsync(server.Client, Body(customer)));

        Assert.Equal(("suppressed", "no-consent:feedback-survey"), (body.GetProperty("status").GetString(), body.GetProperty("reason").GetString()));
        Assert.False(body.TryGetProperty("link", out _));
    }

    [Fact]
    public async Task A_second_invitation_within_the_cap_is_suppressed_unless_an_admin_explicitly_ignores_the_cap()
    {
        var customer = await CustomerAsync(consent: "granted");
        await PostAsync(server.Client, Body(customer));
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu]);

        var capped = await Events.ReadJsonAsync(await PostAsync(server.Client, Body(customer)));
        var agentOverride = await PostAsync(agent, Body(customer, ignoreCap: true));
        var adminOverride = await Events.ReadJsonAsync(await PostAsync(server.Client, Body(customer, ignoreCap: true)));

        Assert.Equal(("suppressed", "frequency-cap"), (capped.GetProperty("status").GetString(), capped.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, agentOverride.StatusCode);
        Assert.Equal("sent", adminOverride.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01"}""", "region", 400)]
    [InlineData("""{"region":"mars","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01"}""", "region", 422)]
    [InlineData("""{"region":"eu-central","customerId":"12345","orgUnit":"branch-01"}""", "customerId", 400)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000"}""", "orgUnit", 400)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01","channel":"sms"}""", "channel", 400)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01","language":"<b>"}""", "language", 400)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01","expiresInDays":0}""", "expiresInDays", 400)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01"}""", "customerId", 422)]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000","orgUnit":"branch-01","expiresInDays":"soon"}""", null, 400)]
    public async Task Bad_input_is_a_problem_naming_the_field(string json, string? field, int status)
    {
        var response = await server.Client.PostAsync($"/api/v1/surveys/{SurveyKey}/invitations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            Cancellation);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Equal([field], (await Events.ReadJsonAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task A_language_the_survey_lacks_is_named_and_an_unknown_survey_is_a_404()
    {
        var customer = await CustomerAsync(consent: "granted");

        var language = await PostAsync(server.Client, Body(customer, language: "zh"));
        var unknown = await server.Client.PostAsync("/api/v1/surveys/com.acme.surveys:nothing/invitations", Events.Json(Body(customer)), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, language.StatusCode);
        Assert.True((await Events.ReadJsonAsync(language)).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_analyst_may_neither_invite_nor_read_an_invitation_and_an_agent_outside_the_region_may_not_invite()
    {
        var customer = await CustomerAsync(consent: "granted");
        var id = (await Events.ReadJsonAsync(await PostAsync(server.Client, Body(customer)))).GetProperty("id").GetString();
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu]);
        using var elsewhere = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Cn]);

        var invite = await PostAsync(analyst, Body(customer, ignoreCap: false));
        var read = await analyst.GetAsync($"/api/v1/surveys/invitations/{id}", Cancellation);
        var outside = await PostAsync(elsewhere, Body(customer));
        var readOutside = await elsewhere.GetAsync($"/api/v1/surveys/invitations/{id}", Cancellation);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound],
            [invite.StatusCode, read.StatusCode, outside.StatusCode, readOutside.StatusCode]);
    }

    private async Task<string> CustomerAsync(string? consent)
    {
        var customer = await server.PostAsync(_events.Feedback(account: _events.Account(Random.Shared.Next(1_000_000))));
        if (consent is not null)
        {
            await server.ConsentAsync(customer, "feedback-survey", consent);
        }

        return customer;
    }

    private static JsonObject Body(string customer, bool ignoreCap = false, string? language = null)
    {
        var body = new JsonObject { ["region"] = ServerDatabases.Eu, ["customerId"] = customer, ["orgUnit"] = Events.OrgUnit };
        if (ignoreCap)
        {
            body["ignoreFrequencyCap"] = true;
        }

        if (language is not null)
        {
            body["language"] = language;
        }

        return body;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body) =>
        client.PostAsync($"/api/v1/surveys/{SurveyKey}/invitations", Events.Json(body), Cancellation);
}
