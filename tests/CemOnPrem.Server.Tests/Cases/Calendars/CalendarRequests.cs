using System.Net.Http.Json;
using System.Text;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Calendars;

/// <summary>Calendar writes as a client makes them: each with the ETag it just read, unless the test names one.</summary>
internal sealed class CalendarRequests(ServerFixture server)
{
    private const string Cn = ServerDatabases.Cn;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static object China(params object[] days) => new
    {
        timeZone = "Asia/Shanghai",
        workingDays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" },
        workingHours = new { start = "09:00", end = "17:00" },
        days,
    };

    /// <summary>A PUT with the ETag just read (<paramref name="ifMatch"/> "" sends none).</summary>
    public async Task<HttpResponseMessage> PutAsync(object body, HttpClient? client = null, string? ifMatch = null) =>
        await SendAsync(HttpMethod.Put, $"/api/v1/calendars/{Cn}", JsonContent.Create(body), client, ifMatch);

    public async Task<HttpResponseMessage> ImportAsync(string text, string mediaType, string mode = "merge", string? ifMatch = null) =>
        await SendAsync(HttpMethod.Post, $"/api/v1/calendars/{Cn}/import?mode={mode}", new StringContent(text, Encoding.UTF8, mediaType), null, ifMatch);

    public async Task<string> ETagAsync(string region, HttpClient? client = null)
    {
        using var response = await (client ?? server.Client).GetAsync($"/api/v1/calendars/{region}", Cancellation);
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException("GET answered without an ETag: " + response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, HttpContent content, HttpClient? client, string? ifMatch)
    {
        client ??= server.Client;
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        ifMatch ??= await ETagAsync(Cn, client);
        if (ifMatch.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Cancellation);
    }
}
