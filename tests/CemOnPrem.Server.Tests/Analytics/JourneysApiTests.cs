using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Analytics;

/// <summary>
/// A signed pack with a three-stage journey on the real server: customers' journeys, the funnel and time in
/// stage through the API, fed by the background projector.
/// </summary>
public sealed class JourneysApiTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Publisher = "acme";
    private readonly ECDsa _key = PublisherKeys.Generate();
    private readonly string _packs = Directory.CreateTempSubdirectory("cem-journey-packs-").FullName;
    private readonly Events _events = new();
    private CemServerFactory _server = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        WritePack();
        _server = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), new Dictionary<string, string?>
        {
            ["Cem:Packs:Directory"] = _packs,
            [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKey"] = _key.ExportSubjectPublicKeyInfoPem(),
            ["Cem:Analytics:MinGroupSize"] = "2",
        });
        _client = await _server.CreateTrustedClientAsync();
    }

    [Fact]
    public async Task Journeys_funnel_and_time_in_stage_follow_the_events()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-30);
        // Three customers: two complete (review 2 h and 4 h), one stops after applying.
        await PostAsync(1, ("applied", start), ("reviewed", start.AddHours(1)), ("approved", start.AddHours(3)));
        await PostAsync(2, ("approved", start.AddHours(6)), ("applied", start), ("reviewed", start.AddHours(2))); // out of order
        await PostAsync(3, ("applied", start));

        // Each customer's events arrive in one request (one transaction, one projection cycle), and the funnel reads its
        // totals and its stages from one snapshot: once it counts three journeys, its stages show all three customers.
        var funnel = await WaitForAsync("/api/v1/journeys/loan/funnel", body =>
            body.GetProperty("journeys").TryGetProperty("started", out var n) && n.GetInt64() == 3);
        var stages = funnel.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        Assert.Equal((3, 2, 0), Counts(stages["apply"])); // customer 3 is still applying: in progress, not dropped (the time-out is 5 days)
        Assert.Equal(1, stages["apply"].GetProperty("inProgress").GetInt64());
        Assert.Equal((2, 2, 0), Counts(stages["review"]));

        var time = await _client.GetFromJsonAsync<JsonElement>("/api/v1/journeys/loan/time-in-stage", Cancellation);
        var review = time.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "review");
        Assert.Equal(2, review.GetProperty("n").GetInt64());
        Assert.Equal(3.0, review.GetProperty("meanHours").GetDouble(), 6); // (2 h + 4 h) / 2

        var lookup = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/eu-central/lookup?type=account&value={_events.Account(2)}", Cancellation);
        var customerId = lookup.GetProperty("customerId").GetString();
        var journeys = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/eu-central/{customerId}/journeys", Cancellation);
        var journey = journeys.GetProperty("journeys").EnumerateArray().Single();
        Assert.Equal(("loan", "completed", "decision"), (journey.GetProperty("templateId").GetString(), journey.GetProperty("status").GetString(), journey.GetProperty("currentStage").GetString()));
        Assert.Equal(["apply", "review", "decision"], journey.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        var one = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/eu-central/{customerId}/journeys/loan/1", Cancellation);
        Assert.Equal("completed", one.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/customers/eu-central/{customerId}/journeys/loan/2", Cancellation)).StatusCode);
    }

    private static (long Entered, long Completed, long Dropped) Counts(JsonElement stage) =>
        (stage.GetProperty("entered").GetInt64(), stage.GetProperty("completed").GetInt64(), stage.GetProperty("dropped").GetInt64());

    private async Task PostAsync(int customer, params (string Touchpoint, DateTimeOffset At)[] steps)
    {
        var batch = steps.Select(step =>
        {
            var e = _events.Feedback(account: _events.Account(customer), occurredAt: step.At.ToString("O", CultureInfo.InvariantCulture));
            e["type"] = "touchpoint";
            e["touchpoint"] = step.Touchpoint;
            e.Remove("scores");
            e.Remove("text");
            return (JsonNode)e;
        });
        var response = await _client.PostAsync("/api/v1/events/batch", Events.Ndjson(batch), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<JsonElement> WaitForAsync(string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await _client.GetFromJsonAsync<JsonElement>(url, Cancellation);
            if (done(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the projection did not catch up: {body}");
            await Task.Delay(100, Cancellation);
        }
    }

    private void WritePack()
    {
        Directory.CreateDirectory(Path.Combine(_packs, "loans", "journeys"));
        File.WriteAllText(Path.Combine(_packs, "loans", "pack.json"), new JsonObject
        {
            ["id"] = "com.acme.loans", ["version"] = "1.0.0", ["publisher"] = Publisher, ["name"] = "Acme loans", ["sdkVersion"] = "[0.1.0,0.2.0)",
        }.ToJsonString());
        static JsonObject Stage(string id, string touchpoint, string? abandonAfter) => new()
        {
            ["id"] = id, ["name"] = new JsonObject { ["en"] = id }, ["touchpoints"] = new JsonArray(touchpoint),
            ["abandonAfter"] = abandonAfter,
        };
        var decision = Stage("decision", "approved", null);
        decision.Remove("abandonAfter");
        File.WriteAllText(Path.Combine(_packs, "loans", "journeys", "loan.json"), new JsonObject
        {
            ["id"] = "loan",
            ["name"] = new JsonObject { ["en"] = "Loan" },
            ["stages"] = new JsonArray(Stage("apply", "applied", "P5D"), Stage("review", "reviewed", "P5D"), decision),
            ["entryTouchpoints"] = new JsonArray("applied"),
            ["completionTouchpoints"] = new JsonArray("approved"),
        }.ToJsonString());
        PackSigning.Sign(Path.Combine(_packs, "loans"), _key, Publisher);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_packs, recursive: true);
    }
}
