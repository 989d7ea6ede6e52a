using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>Events name org units by code; a code that is not in the org tree is refused (its numbers would roll up nowhere).</summary>
public sealed class UnknownOrgUnitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_single_event_with_an_unknown_org_unit_is_a_422_naming_the_field_and_nothing_is_stored()
    {
        var e = _events.Feedback();
        e["orgUnit"] = "no-such-branch";

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal("urn:cem:problem:unknown-org-unit", problem.GetProperty("type").GetString());
        Assert.Contains("no-such-branch", problem.GetProperty("errors").GetProperty("orgUnit")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @id", new { id = e["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task In_a_batch_only_the_items_with_an_unknown_org_unit_are_refused()
    {
        var good = _events.Feedback();
        var bad = _events.Feedback();
        bad["orgUnit"] = "no-such-branch";

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([good, bad]), Cancellation);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var results = (await Events.ReadJsonAsync(response)).GetProperty("results");
        Assert.Equal(202, results[0].GetProperty("status").GetInt32());
        Assert.Equal(422, results[1].GetProperty("status").GetInt32());
        Assert.Equal("urn:cem:problem:unknown-org-unit", results[1].GetProperty("problem").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_org_unit_created_after_start_is_accepted_at_once()
    {
        var code = "new-branch-" + _events.Tag;
        var created = await server.Client.PutAsync($"/api/v1/org-units/{code}",
            Events.Json(new JsonObject { ["name"] = "New branch", ["level"] = "branch", ["parent"] = "hq" }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = _events.Feedback();
        e["orgUnit"] = code;

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
