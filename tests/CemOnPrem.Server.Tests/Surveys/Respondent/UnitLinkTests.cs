using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Surveys.Invitations;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>Anonymous per-org-unit links: made and revoked by admins, each visit an anonymous invitation, visits limited.</summary>
public sealed class UnitLinkTests(UnitLinkFixture fixture) : IClassFixture<UnitLinkFixture>
{
    private const string Links = "/api/v1/surveys/" + RespondentSurveyPack.Key + "/unit-links";
    private static int _address;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Every test visits from its own addresses, so the per-address limit of one test does not reach another.</summary>
    private static string NewAddress() => $"10.9.{Interlocked.Increment(ref _address) / 250}.{(_address % 250) + 1}";

    private async Task<(string Id, string Link)> CreateAsync(string orgUnit = "branch-01")
    {
        var response = await fixture.Admin.PostAsync(Links, Events.Json(new JsonObject { ["orgUnit"] = orgUnit, ["region"] = ServerDatabases.Eu, ["language"] = "zh" }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Events.ReadJsonAsync(response);
        return (body.GetProperty("unitLink").GetProperty("id").GetString()!, body.GetProperty("link").GetString()!);
    }

    private async Task<HttpResponseMessage> VisitAsync(string link, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add(CemServerFactory.SourceHeader, address);
        return await fixture.Site.Browser().SendAsync(request, Cancellation);
    }

    private async Task<long> AnonymousInvitationsAsync() =>
        await fixture.Site.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from invitations where origin = 'anonymous'");

    [Fact]
    public async Task A_visit_makes_an_anonymous_invitation_at_the_unit_and_opens_its_page()
    {
        var (_, link) = await CreateAsync();
        Assert.StartsWith("/s/u/", link, StringComparison.Ordinal);

        var visit = await VisitAsync(link, NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, visit.StatusCode);
        var page = visit.Headers.Location!.ToString();
        var token = page["/s/".Length..];
        await using var connection = new NpgsqlConnection(fixture.Site.Databases.Regions[ServerDatabases.Eu]);
        var row = await connection.QuerySingleAsync<(string Origin, string Channel, string? CustomerId, string OrgUnit, string Language)>(
            "select origin, channel, customer_id, org_unit, language from invitations where token_hash = @hash", new { hash = InvitationTokens.Hash(token) });
        Assert.Equal(("anonymous", "anonymous", null, "branch-01", "zh"), row);

        var second = await VisitAsync(link, NewAddress());
        Assert.NotEqual(page, second.Headers.Location!.ToString());
        var respondent = new RespondentVisit(fixture.Site.Browser(), token);
        Assert.Equal(HttpStatusCode.OK, (await respondent.OpenAsync()).StatusCode);
        Assert.Contains("您会推荐我们吗？", respondent.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visits_over_the_limit_of_one_address_get_a_429_page_and_no_invitation()
    {
        var (_, link) = await CreateAsync();
        var address = NewAddress();
        for (var i = 0; i < UnitLinkFixture.PerSource; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await VisitAsync(link, address)).StatusCode);
        }

        var before = await AnonymousInvitationsAsync();
        var refused = await VisitAsync(link, address);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many surveys were started from here", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(before, await AnonymousInvitationsAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await VisitAsync(link, NewAddress())).StatusCode);
    }

    [Fact]
    public async Task Visits_over_the_limit_of_one_link_are_refused_from_any_address()
    {
        var (_, link) = await CreateAsync();
        for (var i = 0; i < UnitLinkFixture.PerUnit; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await VisitAsync(link, NewAddress())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await VisitAsync(link, NewAddress())).StatusCode);
        var (_, other) = await CreateAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await VisitAsync(other, NewAddress())).StatusCode);
    }

    [Fact]
    public async Task A_revoked_link_leads_nowhere_and_is_listed_as_revoked()
    {
        var (id, link) = await CreateAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.DeleteAsync($"{Links}/{id}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.DeleteAsync($"{Links}/{id}", Cancellation)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await VisitAsync(link, NewAddress())).StatusCode);
        var list = await fixture.Admin.GetFromJsonAsync<JsonElement>(Links, Cancellation);
        var listed = list.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
        Assert.DoesNotContain("token", list.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bad_requests_for_a_link_name_the_field_at_fault()
    {
        var unknownUnit = await fixture.Admin.PostAsync(Links, Events.Json(new JsonObject { ["orgUnit"] = "nowhere", ["region"] = ServerDatabases.Eu }), Cancellation);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownUnit.StatusCode);
        Assert.Contains("orgUnit", await unknownUnit.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var noUnit = await fixture.Admin.PostAsync(Links, Events.Json(new JsonObject { ["region"] = ServerDatabases.Eu }), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);

        var badRegion = await fixture.Admin.PostAsync(Links, Events.Json(new JsonObject { ["orgUnit"] = "branch-01", ["region"] = "mars" }), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badRegion.StatusCode);
        Assert.Contains("region", await badRegion.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var badLanguage = await fixture.Admin.PostAsync(Links, Events.Json(new JsonObject { ["orgUnit"] = "branch-01", ["region"] = ServerDatabases.Eu, ["language"] = "fr" }), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);

        var unknownSurvey = await fixture.Admin.PostAsync("/api/v1/surveys/com.acme.none:none/unit-links", Events.Json(new JsonObject { ["orgUnit"] = "branch-01" }), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknownSurvey.StatusCode);
    }

    [Fact]
    public async Task A_forged_unit_token_gets_the_unknown_link_page()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await VisitAsync("/s/u/" + new string('Z', 43), NewAddress())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VisitAsync("/s/u/short", NewAddress())).StatusCode);
    }
}
