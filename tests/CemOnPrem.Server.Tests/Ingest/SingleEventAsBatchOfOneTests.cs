using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// One event is a batch of one: whatever step refuses it, the single endpoint and a batch holding only that event
/// give it the same fate — the same status, problem type and fields at fault (only the framing of the answer differs).
/// </summary>
public sealed class SingleEventAsBatchOfOneTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("malformed field", 400, "urn:cem:problem:validation", "occurredAt")]
    [InlineData("unknown field", 400, "urn:cem:problem:validation", "ocurredAt")]
    [InlineData("unusable identity", 422, "urn:cem:problem:unusable-identity", "customer[0].value")]
    [InlineData("unknown region", 422, "urn:cem:problem:unknown-region", "region")]
    [InlineData("unknown org unit", 422, "urn:cem:problem:unknown-org-unit", "orgUnit")]
    public async Task A_refused_event_meets_the_same_fate_alone_and_as_a_batch_of_one(string fault, int status, string type, string field)
    {
        var single = Faulty(fault);
        var batched = Faulty(fault);

        var alone = await server.Client.PostAsync("/api/v1/events", Events.Json(single), Cancellation);
        var batch = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([batched]), Cancellation);

        Assert.Equal(status, (int)alone.StatusCode);
        var problem = await Events.ReadJsonAsync(alone);
        Assert.Equal(HttpStatusCode.MultiStatus, batch.StatusCode);
        var item = (await Events.ReadJsonAsync(batch)).GetProperty("results")[0];
        Assert.Equal(status, item.GetProperty("status").GetInt32());
        var itemProblem = item.GetProperty("problem");
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(type, itemProblem.GetProperty("type").GetString());
        Assert.Equal(Fields(problem), Fields(itemProblem));
        Assert.Contains(field, Fields(problem));
        Assert.Equal(Messages(problem), Messages(itemProblem));
    }

    [Fact]
    public async Task An_event_accepted_alone_is_a_duplicate_with_the_same_receipt_when_resent_as_a_batch_of_one()
    {
        var e = _events.Feedback();

        var alone = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        var batch = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([e]), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, alone.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var receipt = await Events.ReadJsonAsync(alone);
        var item = (await Events.ReadJsonAsync(batch)).GetProperty("results")[0].GetProperty("receipt");
        Assert.False(receipt.GetProperty("duplicate").GetBoolean());
        Assert.True(item.GetProperty("duplicate").GetBoolean());
        foreach (var name in (string[])["eventId", "source", "region", "sequence", "customerId", "receivedAt"])
        {
            Assert.Equal(receipt.GetProperty(name).ToString(), item.GetProperty(name).ToString());
        }
    }

    [Fact]
    public async Task An_event_id_reused_with_other_content_is_409_alone_and_as_a_batch_of_one()
    {
        var original = _events.Feedback();
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsync("/api/v1/events", Events.Json(original), Cancellation)).StatusCode);
        var changed = original.DeepClone();
        changed["scores"] = new JsonObject { ["nps"] = 3 };

        var alone = await server.Client.PostAsync("/api/v1/events", Events.Json(changed), Cancellation);
        var batch = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([changed]), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, alone.StatusCode);
        var item = (await Events.ReadJsonAsync(batch)).GetProperty("results")[0];
        Assert.Equal(409, item.GetProperty("status").GetInt32());
        Assert.Equal(Messages(await Events.ReadJsonAsync(alone)), Messages(item.GetProperty("problem")));
    }

    private JsonObject Faulty(string fault)
    {
        var e = _events.Feedback();
        switch (fault)
        {
            case "malformed field":
                e["occurredAt"] = "yesterday";
                break;
            case "unknown field":
                e["ocurredAt"] = e["occurredAt"]!.DeepClone();
                break;
            case "unusable identity":
                e["customer"] = new JsonArray(new JsonObject { ["type"] = "phone", ["value"] = "+++" });
                break;
            case "unknown region":
                e["region"] = "mars-north";
                break;
            case "unknown org unit":
                e["orgUnit"] = "no-such-branch";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "not a fault of this test");
        }

        return e;
    }

    private static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    private static string[] Messages(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(m => p.Name + ": " + m.GetString()))];
}
