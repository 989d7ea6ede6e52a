using System.Net.Http.Headers;
using System.Text.Json;

namespace CemOnPrem.Cli.Packs;

/// <summary>
/// <c>cemctl packs list --server URL [--token TOKEN]</c>: the packs a running server found, as its registry records
/// them (<c>GET /api/v1/packs</c>, admin token): status, signature state, publisher and what each contributes. The load
/// result lives only in the server (the control database keeps the enable/disable switches), so this asks the server.
/// </summary>
internal static class PacksList
{
    public const string TokenVariable = "CEM_TOKEN";

    public static async Task<int> RunAsync(Uri server, string? token, TextWriter output, TextWriter error, HttpMessageHandler? handler = null)
    {
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            await error.WriteLineAsync($"cemctl: --token or {TokenVariable} is required (an administrator's bearer token).").ConfigureAwait(false);
            return 1;
        }

        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(30);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/api/v1/packs"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"cemctl: {server}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"cemctl: GET /api/v1/packs: {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
                return 1;
            }

            using var document = JsonDocument.Parse(body);
            foreach (var pack in document.RootElement.GetProperty("packs").EnumerateArray())
            {
                await output.WriteLineAsync(Line(pack)).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static string Line(JsonElement pack)
    {
        var signature = pack.GetProperty("signature");
        var contributes = pack.GetProperty("contributes");
        var reason = Text(pack, "statusReason") is { } r ? $" ({r})" : "";
        return $"{Text(pack, "id")} {Text(pack, "version") ?? "?"}  {Text(pack, "status")}{reason}  signature {Text(signature, "state")}"
               + $"  publisher {Text(pack, "publisher") ?? "?"}  journeys [{Names(contributes, "journeys")}]  metrics [{Names(contributes, "metrics")}]";
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Names(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? string.Join(", ", value.EnumerateArray().Select(v => v.GetString()))
            : "";
}
