using System.Net.Http.Json;
using System.Text.Json;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>The demo ingest client node1 creates (Cem:Identity:CreateDevCredentials), and a token for it.</summary>
internal static class DevChannel
{
    public static async Task<string> TokenAsync(Uri node, string dataDirectory)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, "dev-credentials.json")));
        var client = credentials.RootElement.GetProperty("ingestClient");
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(node, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("clientSecret").GetString()!,
            ["scope"] = "cem.ingest",
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
