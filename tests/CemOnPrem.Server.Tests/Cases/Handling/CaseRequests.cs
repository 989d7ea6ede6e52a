using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Handling;

/// <summary>Calls of /api/v1/cases as tests make them: open a case, read it with its ETag, send an edit with If-Match.</summary>
public static class CaseRequests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A new customer with one feedback event at <paramref name="orgUnit"/> (so agents of that subtree may see them).</summary>
    public static async Task<string> CustomerAtAsync(HttpClient http, string region, string orgUnit)
    {
        ArgumentNullException.ThrowIfNull(http);
        var events = new Events();
        var e = events.Feedback(region: region, account: events.Account(1));
        e["orgUnit"] = orgUnit;
        using var response = await http.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    /// <returns>The new case's id.</returns>
    public static async Task<string> OpenAsync(HttpClient http, string region, string orgUnit, string? customerId = null, string caseType = "complaint")
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = new JsonObject { ["region"] = region, ["orgUnit"] = orgUnit, ["caseType"] = caseType };
        if (customerId is not null)
        {
            body["customerId"] = customerId;
        }

        using var response = await http.PostAsync("/api/v1/cases", Events.Json(body), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("case").GetProperty("caseId").GetString()!;
    }

    public static async Task<(JsonElement Body, string ETag)> GetAsync(HttpClient http, string region, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync($"/api/v1/cases/{region}/{caseId}", Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, JsonNode body, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(method, path) { Content = Events.Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request, Cancellation);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
