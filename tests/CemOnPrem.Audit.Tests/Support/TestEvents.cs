using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>Event JSON with identities unique to one test.</summary>
public sealed class TestEvents
{
    public const string OrgUnit = "branch-01";

    private int _next;

    public string Tag { get; } = Guid.NewGuid().ToString("N")[..10];

    public JsonObject Feedback(string account, string? phone = null, string text = "Friendly staff.") => new()
    {
        ["eventId"] = $"{Tag}-{Interlocked.Increment(ref _next)}",
        ["source"] = "branch-tablet",
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = AuditServerFixture.Eu,
        ["customer"] = phone is null
            ? new JsonArray(new JsonObject { ["type"] = "account", ["value"] = account })
            : new JsonArray(new JsonObject { ["type"] = "account", ["value"] = account }, new JsonObject { ["type"] = "phone", ["value"] = phone }),
        ["type"] = "feedback",
        ["touchpoint"] = "branch-visit",
        ["orgUnit"] = OrgUnit,
        ["scores"] = new JsonObject { ["nps"] = 9 },
        ["text"] = text,
    };

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Ndjson(IEnumerable<JsonNode> nodes) =>
        new(string.Join('\n', nodes.Select(n => n.ToJsonString())) + "\n", Encoding.UTF8, "application/x-ndjson");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <returns>The customer id the event was stored under.</returns>
    public static async Task<string> PostAsync(HttpClient client, JsonNode e)
    {
        var response = await client.PostAsync("/api/v1/events", Json(e), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }
}
