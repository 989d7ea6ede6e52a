using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Calendars;

/// <summary>Calendar writes need the ETag of the version read (If-Match): 428 without, 412 when someone changed it since.</summary>
public sealed class CalendarETagTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Cn = ServerDatabases.Cn;
    private readonly CalendarRequests _calendars = new(server);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static object China(params object[] days) => CalendarRequests.China(days);

    [Fact]
    public async Task A_calendar_write_without_If_Match_is_428_and_one_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        Assert.Equal("\"0\"", await _calendars.ETagAsync(ServerDatabases.Eu)); // no stored calendar: version 0
        var read = await _calendars.ETagAsync(Cn);
        var first = await _calendars.PutAsync(China(new { date = "2026-05-01", kind = "holiday", name = "Labour Day" }), ifMatch: read);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var current = first.Headers.ETag!.Tag;
        Assert.NotEqual(read, current);

        var stale = await _calendars.PutAsync(China(), ifMatch: read);
        var staleImport = await _calendars.ImportAsync("date,kind,name\n2026-05-04,holiday,x\n", "text/csv", ifMatch: read);
        var missing = await _calendars.PutAsync(China(), ifMatch: "");
        var missingImport = await _calendars.ImportAsync("date,kind,name\n2026-05-04,holiday,x\n", "text/csv", ifMatch: "");
        var malformed = await _calendars.PutAsync(China(), ifMatch: "3");

        Assert.Equal([HttpStatusCode.PreconditionFailed, HttpStatusCode.PreconditionFailed, HttpStatusCode.PreconditionRequired, HttpStatusCode.PreconditionRequired,
            HttpStatusCode.BadRequest], new[] { stale, staleImport, missing, missingImport, malformed }.Select(r => r.StatusCode));
        Assert.All(new[] { stale, staleImport, missing, missingImport, malformed },
            r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.True((await Events.ReadJsonAsync(malformed)).GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal(current, await _calendars.ETagAsync(Cn));
        var calendar = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/calendars/{Cn}?year=2026", Cancellation);
        Assert.Equal(["2026-05-01"], calendar.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task Of_two_admins_who_read_the_same_calendar_only_the_first_write_lands()
    {
        var read = await _calendars.ETagAsync(Cn);

        var results = await Task.WhenAll(
            _calendars.PutAsync(China(new { date = "2026-06-19", kind = "holiday", name = "Dragon Boat" }), ifMatch: read),
            _calendars.ImportAsync("date,kind,name\n2026-09-25,holiday,Mid-Autumn\n", "text/csv", ifMatch: read));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
    }
}
