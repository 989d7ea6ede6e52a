using System.Net.Http.Headers;
using System.Text.Json;

namespace CemOnPrem.Cli.Surveys;

/// <summary>GETs on <c>/api/v1/surveys</c> with a bearer token; a failure is a <see cref="CliException"/> with a line for the operator.</summary>
internal sealed class SurveysApiClient(Uri server, string? token, HttpMessageHandler? handler = null)
{
    public const string TokenVariable = "CEM_TOKEN";

    public async Task<JsonDocument> GetAsync(string pathAndQuery)
    {
        var bearer = token ?? Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(bearer))
        {
            throw new CliException($"--token or {TokenVariable} is required (the bearer token of an analyst, agent or admin).");
        }

        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(30);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"GET {pathAndQuery}: {(int)response.StatusCode} {response.ReasonPhrase}{Detail(body)}");
            }

            return JsonDocument.Parse(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new CliException($"{server}: {ex.Message}");
        }
    }

    /// <summary>The problem's detail, when the server sent one (it names what was not found or not allowed).</summary>
    private static string Detail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? ": " + detail.GetString() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
