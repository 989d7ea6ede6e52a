using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// An event id reused with a different body is a client bug the client must hear about: 409 problem+json naming
/// eventId; the same body again is still the idempotent 202 replay (issue 19, item 8).
/// </summary>
public sealed class EventIdConflictTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Changes => ["score", "text", "identity", "occurredAt", "touchpoint"];

    [Fact]
    public async Task The_same_body_twice_is_a_202_duplicate()
    {
        var e = _events.Feedback();
        await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        var replay = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.True((await Events.ReadJsonAsync(replay)).GetProperty("duplicate").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_changed_body_under_the_same_event_id_is_409_naming_eventId_and_the_original_stays(string change)
    {
        var e = _events.Feedback(nps: 9);
        var original = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(Change(e, change)), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal("urn:cem:problem:event-id-conflict", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("eventId", out _));
        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @e", new { e = e["eventId"]!.GetValue<string>() }));
        Assert.Equal(1, await server.Databases.CountAsync(ServerDatabases.Eu,
            "select count(*) from events where seq = @s and scores->>'nps' = '9'", new { s = original.GetProperty("sequence").GetInt64() }));
    }

    [Fact]
    public async Task A_batch_answers_each_item_202_new_202_duplicate_or_409_conflict()
    {
        var a = _events.Feedback(nps: 9);
        var b = _events.Feedback(nps: 7);
        await server.Client.PostAsync("/api/v1/events", Events.Json(a), Cancellation);
        var changedA = Change(a, "score");
        var c = _events.Feedback(nps: 5);
        var changedC = Change(c, "text");

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([a.DeepClone(), changedA, b, c, changedC]), Cancellation);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = await Events.ReadJsonAsync(response);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([202, 409, 202, 202, 409], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.True(results[0].GetProperty("receipt").GetProperty("duplicate").GetBoolean());
        Assert.False(results[2].GetProperty("receipt").GetProperty("duplicate").GetBoolean());
        Assert.Equal("urn:cem:problem:event-id-conflict", results[4].GetProperty("problem").GetProperty("type").GetString());
        Assert.Equal((3, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
    }

    private JsonObject Change(JsonObject e, string change)
    {
        var changed = (JsonObject)e.DeepClone();
        switch (change)
        {
            case "score": changed["scores"] = new JsonObject { ["nps"] = 2 }; break;
            case "text": changed["text"] = "Rude staff."; break;
            case "identity": changed["customer"] = new JsonArray(new JsonObject { ["type"] = "account", ["value"] = _events.Account(7) }); break;
            case "occurredAt":
                changed["occurredAt"] = DateTimeOffset.Parse(e["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    .AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "touchpoint": changed["touchpoint"] = "call-center"; break;
            default: throw new ArgumentOutOfRangeException(nameof(change));
        }

        return changed;
    }

}
