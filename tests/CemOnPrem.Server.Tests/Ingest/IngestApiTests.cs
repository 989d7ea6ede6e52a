using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

public sealed class IngestApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_event_is_committed_and_shows_in_the_customer_view()
    {
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback(nps: 3)), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await Events.ReadJsonAsync(response);
        var customerId = receipt.GetProperty("customerId").GetString();
        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where seq = @s", new { s = receipt.GetProperty("sequence").GetInt64() }));

        var view = await Events.ReadJsonAsync(await server.Client.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation));
        Assert.Equal(1, view.GetProperty("eventCount").GetInt64());
        Assert.Equal(3, view.GetProperty("latestScores")[0].GetProperty("value").GetDouble());
        Assert.Equal(_events.Account(1), view.GetProperty("identities")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Replayed_event_is_acknowledged_with_the_original_receipt_and_stored_once()
    {
        var e = _events.Feedback();
        var first = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));

        var replay = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var second = await Events.ReadJsonAsync(replay);
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        foreach (var field in new[] { "sequence", "customerId", "receivedAt", "eventId", "source", "region" })
        {
            Assert.Equal(first.GetProperty(field).ToString(), second.GetProperty(field).ToString());
        }

        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @e", new { e = e["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task Batch_as_ndjson_returns_a_result_per_item_and_replays_idempotently()
    {
        var items = Enumerable.Range(1, 5).Select(i => (JsonNode)_events.Feedback(account: _events.Account(i))).ToList();

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson(items), Cancellation);
        var replay = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson(items), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Events.ReadJsonAsync(response);
        Assert.Equal(5, body.GetProperty("accepted").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        var again = await Events.ReadJsonAsync(replay);
        Assert.All(again.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("receipt").GetProperty("duplicate").GetBoolean()));
        Assert.Equal(
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("receipt").GetProperty("sequence").GetInt64()),
            again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("receipt").GetProperty("sequence").GetInt64()));
        Assert.Equal(5, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id like @p", new { p = _events.Tag + "-%" }));
    }

    [Fact]
    public async Task Batch_as_json_array_with_bad_items_stores_the_good_ones_and_names_the_bad_fields()
    {
        var bad = _events.Feedback();
        bad["scores"] = new JsonObject { ["nps"] = 11 };
        var unknownRegion = _events.Feedback(region: "mars-north");
        var array = new JsonArray(_events.Feedback(), bad, unknownRegion, _events.Feedback(region: ServerDatabases.Cn));

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Json(array), Cancellation);

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var results = (await Events.ReadJsonAsync(response)).GetProperty("results");
        Assert.Equal([202, 400, 422, 202], results.EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
        Assert.True(results[1].GetProperty("problem").GetProperty("errors").TryGetProperty("scores.nps", out _));
        Assert.True(results[2].GetProperty("problem").GetProperty("errors").TryGetProperty("region", out _));
        Assert.Equal("cn-east", results[3].GetProperty("receipt").GetProperty("region").GetString());
    }

    [Fact]
    public async Task Events_land_only_in_their_region_database()
    {
        var cn = _events.Feedback(region: ServerDatabases.Cn);
        var eu = _events.Feedback(region: ServerDatabases.Eu);

        await server.Client.PostAsync("/api/v1/events", Events.Json(cn), Cancellation);
        await server.Client.PostAsync("/api/v1/events", Events.Json(eu), Cancellation);

        const string sql = "select count(*) from events where event_id = @e";
        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Cn, sql, new { e = cn["eventId"]!.GetValue<string>() }));
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Cn, sql, new { e = eu["eventId"]!.GetValue<string>() }));
        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Eu, sql, new { e = eu["eventId"]!.GetValue<string>() }));
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, sql, new { e = cn["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task Identities_on_one_event_are_stitched_and_found_by_lookup()
    {
        var e = _events.Feedback();
        ((JsonArray)e["customer"]!).Add(new JsonObject { ["type"] = "email", ["value"] = $" Ann.{_events.Tag}@Example.COM " });
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));

        var byEmail = await server.Client.GetAsync($"/api/v1/customers/eu-central/lookup?type=email&value=ann.{_events.Tag}%40example.com", Cancellation);

        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        Assert.Equal(receipt.GetProperty("customerId").GetString(), (await Events.ReadJsonAsync(byEmail)).GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Concurrent_single_events_are_all_committed_exactly_once()
    {
        var posts = Enumerable.Range(1, 40).Select(i => server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback(account: _events.Account(i % 7))), Cancellation));

        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var sequences = await Task.WhenAll(responses.Select(async r => (await Events.ReadJsonAsync(r)).GetProperty("sequence").GetInt64()));
        Assert.Equal(40, sequences.Distinct().Count());
        Assert.Equal(40, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id like @p", new { p = _events.Tag + "-%" }));
        Assert.Equal(7, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(distinct customer_id) from events where event_id like @p", new { p = _events.Tag + "-%" }));
    }
}
