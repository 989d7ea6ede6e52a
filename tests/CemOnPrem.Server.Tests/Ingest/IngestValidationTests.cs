using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>Every class of bad input gets problem+json with the exact status and the field at fault, and stores nothing.</summary>
public sealed class IngestValidationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string> BadEvents => new()
    {
        { "missing-eventId", 400, "eventId" },
        { "eventId-too-long", 400, "eventId" },
        { "missing-source", 400, "source" },
        { "source-not-a-code", 400, "source" },
        { "missing-occurredAt", 400, "occurredAt" },
        { "occurredAt-without-offset", 400, "occurredAt" },
        { "occurredAt-in-future", 400, "occurredAt" },
        { "missing-region", 400, "region" },
        { "unknown-region", 422, "region" },
        { "missing-customer", 400, "customer" },
        { "empty-customer", 400, "customer" },
        { "identity-without-value", 400, "customer[0].value" },
        { "identity-type-not-a-code", 400, "customer[0].type" },
        { "customer-not-an-array", 400, "customer" },
        { "unknown-type", 400, "type" },
        { "touchpoint-event-without-touchpoint", 400, "touchpoint" },
        { "feedback-without-score-or-text", 400, "scores" },
        { "nps-out-of-range", 400, "scores.nps" },
        { "csat-fractional", 400, "scores.csat" },
        { "score-as-string", 400, "scores.nps" },
        { "attribute-as-number", 400, "attributes.lang" },
        { "attribute-key-not-a-code", 400, "attributes.Bad Key" },
        { "text-with-nul", 400, "text" },
        { "unknown-field", 400, "ocurredAt" },
        { "orgUnit-not-a-code", 400, "orgUnit" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_event_is_refused_with_the_field_at_fault(string defect, int status, string field)
    {
        var e = _events.Feedback();
        Break(e, defect);

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        await AssertProblemAsync(response, status, field);
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id like @p", new { p = _events.Tag + "%" }));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var response = await server.Client.PostAsync("/api/v1/events", new StringContent("{\"eventId\": ", Encoding.UTF8, "application/json"), Cancellation);

        await AssertProblemAsync(response, 400, null);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var response = await server.Client.PostAsync("/api/v1/events", new StringContent(_events.Feedback().ToJsonString(), Encoding.UTF8, "text/plain"), Cancellation);

        await AssertProblemAsync(response, 415, null);
    }

    [Fact]
    public async Task Batch_with_wrong_content_type_is_415()
    {
        var response = await server.Client.PostAsync("/api/v1/events/batch", new StringContent("[]", Encoding.UTF8, "application/xml"), Cancellation);

        await AssertProblemAsync(response, 415, null);
    }

    [Fact]
    public async Task Event_over_the_size_limit_is_413()
    {
        var e = _events.Feedback();
        e["text"] = new string('x', CemServerFactory.MaxEventBytes);

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        await AssertProblemAsync(response, 413, null);
    }

    [Fact]
    public async Task Batch_over_the_size_limit_is_413()
    {
        var items = Enumerable.Range(0, 40).Select(_ =>
        {
            var e = _events.Feedback();
            e["text"] = new string('y', 2000);
            return (JsonNode)e;
        });

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson(items), Cancellation);

        await AssertProblemAsync(response, 413, null);
    }

    [Fact]
    public async Task Batch_over_the_count_limit_is_413_and_stores_nothing()
    {
        var items = Enumerable.Range(0, CemServerFactory.MaxBatchCount + 1).Select(_ => (JsonNode)_events.Feedback());

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson(items), Cancellation);

        await AssertProblemAsync(response, 413, null);
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id like @p", new { p = _events.Tag + "%" }));
    }

    [Fact]
    public async Task Empty_batch_is_400()
    {
        var response = await server.Client.PostAsync("/api/v1/events/batch", new StringContent("\n\n", Encoding.UTF8, "application/x-ndjson"), Cancellation);

        await AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task Batch_json_that_is_not_an_array_is_400()
    {
        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Json(_events.Feedback()), Cancellation);

        await AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task Ndjson_line_that_is_not_json_fails_alone()
    {
        var content = new StringContent(_events.Feedback().ToJsonString() + "\nnot json\n", Encoding.UTF8, "application/x-ndjson");

        var response = await server.Client.PostAsync("/api/v1/events/batch", content, Cancellation);

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var results = (await Events.ReadJsonAsync(response)).GetProperty("results");
        Assert.Equal([202, 400], results.EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? field)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:cem:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
        }
    }

    private static void Break(JsonObject e, string defect)
    {
        switch (defect)
        {
            case "missing-eventId": e.Remove("eventId"); break;
            case "eventId-too-long": e["eventId"] = new string('e', 129); break;
            case "missing-source": e.Remove("source"); break;
            case "source-not-a-code": e["source"] = "Branch App"; break;
            case "missing-occurredAt": e.Remove("occurredAt"); break;
            case "occurredAt-without-offset": e["occurredAt"] = "2026-03-01T09:30:00"; break;
            case "occurredAt-in-future": e["occurredAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture); break;
            case "missing-region": e.Remove("region"); break;
            case "unknown-region": e["region"] = "mars-north"; break;
            case "missing-customer": e.Remove("customer"); break;
            case "empty-customer": e["customer"] = new JsonArray(); break;
            case "identity-without-value": e["customer"] = new JsonArray(new JsonObject { ["type"] = "account" }); break;
            case "identity-type-not-a-code": e["customer"] = new JsonArray(new JsonObject { ["type"] = "Account No", ["value"] = "1" }); break;
            case "customer-not-an-array": e["customer"] = new JsonObject { ["type"] = "account", ["value"] = "1" }; break;
            case "unknown-type": e["type"] = "click"; break;
            case "touchpoint-event-without-touchpoint": e["type"] = "touchpoint"; e.Remove("touchpoint"); break;
            case "feedback-without-score-or-text": e.Remove("scores"); e.Remove("text"); break;
            case "nps-out-of-range": e["scores"] = new JsonObject { ["nps"] = 11 }; break;
            case "csat-fractional": e["scores"] = new JsonObject { ["csat"] = 3.5 }; break;
            case "score-as-string": e["scores"] = new JsonObject { ["nps"] = "9" }; break;
            case "attribute-as-number": e["attributes"] = new JsonObject { ["lang"] = 1 }; break;
            case "attribute-key-not-a-code": e["attributes"] = new JsonObject { ["Bad Key"] = "x" }; break;
            case "text-with-nul": e["text"] = "a\u0000b"; break;
            case "unknown-field": e["ocurredAt"] = e["occurredAt"]!.GetValue<string>(); break;
            case "orgUnit-not-a-code": e["orgUnit"] = "Branch #1"; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }
    }
}
