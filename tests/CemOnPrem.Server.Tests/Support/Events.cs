using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>Builds event JSON with identities unique to one test.</summary>
public sealed class Events
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    private int _next;

    /// <summary>Created by <see cref="CemServerFactory"/> in every test server.</summary>
    public const string OrgUnit = "branch-01";

    public string Tag => _tag;

    public string Account(int n) => $"ACCT-{_tag}-{n}";

    public JsonObject Feedback(string region = ServerDatabases.Eu, string? account = null, int nps = 9, string? occurredAt = null) => new()
    {
        ["eventId"] = $"{_tag}-{Interlocked.Increment(ref _next)}",
        ["source"] = "branch-tablet",
        ["occurredAt"] = occurredAt ?? DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = region,
        ["customer"] = new JsonArray(new JsonObject { ["type"] = "account", ["value"] = account ?? Account(1) }),
        ["type"] = "feedback",
        ["touchpoint"] = "branch-visit",
        ["orgUnit"] = OrgUnit,
        ["attributes"] = new JsonObject { ["lang"] = "en" },
        ["scores"] = new JsonObject { ["nps"] = nps },
        ["text"] = "Friendly staff.",
    };

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Ndjson(IEnumerable<JsonNode> nodes) =>
        new(string.Join('\n', nodes.Select(n => n.ToJsonString())) + "\n", Encoding.UTF8, "application/x-ndjson");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
