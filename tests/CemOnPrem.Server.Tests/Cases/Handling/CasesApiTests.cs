using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Handling;

/// <summary>/api/v1/cases end to end: open, edit with If-Match (428, 412), conflicts (409), bad input, the inbox.</summary>
public sealed class CasesApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Eu = ServerDatabases.Eu;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HttpClient Http => server.Client;

    [Fact]
    public async Task A_case_opened_by_hand_has_version_1_and_its_etag()
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01");

        var (body, etag) = await CaseRequests.GetAsync(Http, Eu, caseId);

        Assert.Equal("\"1\"", etag);
        Assert.Equal(("new", "north-01", "manual"), (body.GetProperty("case").GetProperty("state").GetString(),
            body.GetProperty("case").GetProperty("queueUnit").GetString(), body.GetProperty("case").GetProperty("origin").GetString()));
        Assert.Equal("sla", body.GetProperty("case").GetProperty("clocks")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_write_without_if_match_is_428_and_one_on_a_stale_etag_is_412()
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01");
        var path = $"/api/v1/cases/{Eu}/{caseId}/notes";
        using var first = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject { ["text"] = "first" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        using var missing = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject { ["text"] = "no etag" }, null);
        using var stale = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject { ["text"] = "stale" }, "\"1\"");

        Assert.Equal(ProblemTypes.PreconditionRequired, (await CaseRequests.ProblemAsync(missing, HttpStatusCode.PreconditionRequired)).GetProperty("type").GetString());
        var problem = await CaseRequests.ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(ProblemTypes.PreconditionFailed, problem.GetProperty("type").GetString());
        Assert.Contains("version 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_transition_is_409_naming_the_allowed_transitions()
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01");

        using var response = await CaseRequests.SendAsync(Http, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/transitions", new JsonObject { ["to"] = "closed" }, "\"1\"");

        var problem = await CaseRequests.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.Conflict, problem.GetProperty("type").GetString());
        Assert.Equal(["in-progress"], problem.GetProperty("allowedTransitions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_case_goes_from_new_to_closed_recording_the_contact_made()
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01");
        var path = $"/api/v1/cases/{Eu}/{caseId}/transitions";

        using var started = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject { ["to"] = "in-progress" }, "\"1\"");
        using var resolved = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject
        {
            ["to"] = "resolved",
            ["resolution"] = new JsonObject { ["channel"] = "phone", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"), ["outcome"] = "explained", ["summary"] = "Explained the fee." },
        }, "\"2\"");
        using var closed = await CaseRequests.SendAsync(Http, HttpMethod.Post, path, new JsonObject { ["to"] = "closed" }, "\"3\"");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (started.StatusCode, resolved.StatusCode, closed.StatusCode));
        var (body, etag) = await CaseRequests.GetAsync(Http, Eu, caseId);
        var view = body.GetProperty("case");
        Assert.Equal(("closed", "\"4\""), (view.GetProperty("state").GetString(), etag));
        Assert.Equal("Explained the fee.", view.GetProperty("resolution").GetProperty("summary").GetString());
        Assert.Equal(["opened", "in-progress", "resolved", "closed"], view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("{}", "to")]
    [InlineData("{\"to\":\"done\"}", "to")]
    [InlineData("{\"to\":\"resolved\",\"resolution\":{\"channel\":\"phone\",\"outcome\":\"explained\"}}", "resolution.at")]
    public async Task A_bad_transition_body_is_a_problem_naming_the_field(string json, string field)
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01");
        await CaseRequests.SendAsync(Http, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/transitions", new JsonObject { ["to"] = "in-progress" }, "\"1\"");

        using var response = await CaseRequests.SendAsync(Http, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/transitions", JsonNode.Parse(json)!, "\"2\"");

        var problem = await CaseRequests.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_or_malformed_case_id_is_404()
    {
        using var unknown = await Http.GetAsync($"/api/v1/cases/{Eu}/case-0123456789abcdef0123456789abcdef", Cancellation);
        using var malformed = await Http.GetAsync($"/api/v1/cases/{Eu}/not-a-case", Cancellation);

        await CaseRequests.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await CaseRequests.ProblemAsync(malformed, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_root_cause_code_the_case_has_no_rule_for_is_422_naming_code()
    {
        var caseId = await CaseRequests.OpenAsync(Http, Eu, "north-01", caseType: "manual-check");

        using var response = await CaseRequests.SendAsync(Http, HttpMethod.Put, $"/api/v1/cases/{Eu}/{caseId}/root-cause", new JsonObject { ["code"] = "staff-conduct" }, "\"1\"");

        var problem = await CaseRequests.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task The_inbox_pages_through_every_case_once_with_its_cursor()
    {
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["south-01"], [Eu]);
        var opened = new[] { await CaseRequests.OpenAsync(Http, Eu, "south-01"), await CaseRequests.OpenAsync(Http, Eu, "south-01"), await CaseRequests.OpenAsync(Http, Eu, "south-01") };

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await agent.GetFromJsonAsync<JsonElement>("/api/v1/cases?limit=2" + (cursor is null ? "" : "&cursor=" + cursor), Cancellation);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(opened.Reverse(), seen);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    [InlineData("state=open", "state")]
    [InlineData("priority=9", "priority")]
    public async Task A_bad_inbox_filter_is_400_naming_it(string query, string field)
    {
        using var response = await Http.GetAsync("/api/v1/cases?" + query, Cancellation);

        var problem = await CaseRequests.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
