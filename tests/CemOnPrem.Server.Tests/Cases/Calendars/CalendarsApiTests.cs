using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Calendars;

/// <summary>
/// <c>/api/v1/calendars</c> end to end. Only cn-east is written here; eu-central keeps no calendar, so it shows the default.
/// </summary>
public sealed class CalendarsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Cn = ServerDatabases.Cn;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private readonly CalendarRequests _calendars = new(server);

    private static object China(params object[] days) => CalendarRequests.China(days);

    private Task<HttpResponseMessage> PutAsync(object body, HttpClient? client = null) => _calendars.PutAsync(body, client);

    private Task<HttpResponseMessage> ImportAsync(string text, string mediaType, string mode = "merge") => _calendars.ImportAsync(text, mediaType, mode);

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await Events.ReadJsonAsync(response)).GetProperty("errors");
    }

    [Fact]
    public async Task A_stored_calendar_is_shown_and_the_preview_counts_its_adjusted_working_Saturday()
    {
        var put = await PutAsync(China(
            new { date = "2026-02-14", kind = "working-day", name = "Spring Festival (adjusted)" },
            new { date = "2026-02-16", kind = "holiday", name = "Spring Festival" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var calendar = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/calendars/{Cn}?year=2026", Cancellation);
        var preview = await server.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/calendars/{Cn}/business-time?from=2026-02-13T10:00:00%2B08:00&add=2d", Cancellation);

        Assert.Equal(("stored", "Asia/Shanghai"), (calendar.GetProperty("source").GetString(), calendar.GetProperty("timeZone").GetString()));
        Assert.Equal(["2026-02-14", "2026-02-16"], calendar.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        // Friday 13, Saturday 14 (worked), Sunday off, Monday 16 a holiday: the second business day is Tuesday 17.
        Assert.Equal("2026-02-17T10:00:00+08:00", preview.GetProperty("due").GetString());
        Assert.Equal(("Asia/Shanghai", "stored"), (preview.GetProperty("timeZone").GetString(), preview.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_region_without_a_calendar_says_it_uses_Monday_to_Friday_in_UTC()
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/calendars", Cancellation);
        var preview = await server.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/calendars/{ServerDatabases.Eu}/business-time?from=2026-03-06T16:00:00Z&add=2h", Cancellation);

        var eu = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("region").GetString() == ServerDatabases.Eu);
        Assert.Equal(("default", "UTC"), (eu.GetProperty("source").GetString(), eu.GetProperty("timeZone").GetString()));
        Assert.Contains("Monday–Friday", eu.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-03-09T10:00:00+00:00", preview.GetProperty("due").GetString());
        Assert.Equal("default", preview.GetProperty("source").GetString());
        Assert.Contains("No working calendar is stored", preview.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_iCalendar_import_merges_days_and_is_audited()
    {
        await PutAsync(China(new { date = "2026-01-01", kind = "holiday", name = "New Year" }));
        var head = await server.Databases.HeadAsync();
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261003\r\nSUMMARY:National Day\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:Adjusted\r\nX-CEM-KIND:working-day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var response = await ImportAsync(ics, "text/calendar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var days = (await Events.ReadJsonAsync(response)).GetProperty("days").EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString(), d.GetProperty("kind").GetString())).ToList();
        Assert.Equal([("2026-01-01", "holiday"), ("2026-10-01", "holiday"), ("2026-10-02", "holiday"), ("2026-10-10", "working-day")], days);
        var record = Assert.Single(await server.Databases.RecordsAfterAsync(head), r => r.Action == AuditActions.CalendarImport);
        Assert.Equal(($"calendar/{Cn}", "allowed"), (record.Resource, record.Outcome));
    }

    [Fact]
    public async Task Bad_calendar_fields_are_400_problems_naming_the_field()
    {
        var zone = await ErrorsAsync(await PutAsync(new { timeZone = "Mars/Olympus" }), HttpStatusCode.BadRequest);
        var date = await ErrorsAsync(await PutAsync(China(new { date = "14.02.2026", kind = "holiday" })), HttpStatusCode.BadRequest);
        var kind = await ErrorsAsync(await PutAsync(China(new { date = "2026-02-14", kind = "bridge-day" })), HttpStatusCode.BadRequest);
        var hours = await ErrorsAsync(await PutAsync(new { timeZone = "UTC", workingHours = new { start = "17:00", end = "09:00" } }), HttpStatusCode.BadRequest);

        var malformed = await server.Client.PutAsync($"/api/v1/calendars/{Cn}", new StringContent("{\"timeZone\": ", Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.True(zone.TryGetProperty("timeZone", out _));
        Assert.True(date.TryGetProperty("days[0].date", out _));
        Assert.True(kind.TryGetProperty("days[0].kind", out _));
        Assert.True(hours.TryGetProperty("workingHours.end", out _));
    }

    [Fact]
    public async Task Bad_import_files_name_the_line_or_are_refused_by_size_and_type()
    {
        var line = await ErrorsAsync(await ImportAsync("date,kind,name\n2026-10-01,holiday,National Day\n2026-10-32,holiday,x\n", "text/csv"), HttpStatusCode.BadRequest);
        var mode = await ErrorsAsync(await ImportAsync("date,kind,name\n", "text/csv", mode: "append"), HttpStatusCode.BadRequest);
        var large = await ImportAsync("date,kind,name\n" + new string('x', 1024 * 1024), "text/csv");
        var type = await ImportAsync("{}", "application/json");

        Assert.StartsWith("date: '2026-10-32'", line.GetProperty("line 3")[0].GetString(), StringComparison.Ordinal);
        Assert.True(mode.TryGetProperty("mode", out _));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, type.StatusCode);
    }

    [Fact]
    public async Task Bad_preview_parameters_and_unknown_regions_are_problems()
    {
        var add = await ErrorsAsync(await server.Client.GetAsync($"/api/v1/calendars/{Cn}/business-time?from=2026-03-02T09:00:00Z&add=3w", Cancellation), HttpStatusCode.BadRequest);
        var from = await ErrorsAsync(await server.Client.GetAsync($"/api/v1/calendars/{Cn}/business-time?from=2026-03-02T09:00:00&add=3d", Cancellation), HttpStatusCode.BadRequest);
        var edge = await ErrorsAsync(await server.Client.GetAsync($"/api/v1/calendars/{Cn}/business-time?from=9999-12-31T23:59:59Z&add=3d", Cancellation), HttpStatusCode.BadRequest);
        var year = await ErrorsAsync(await server.Client.GetAsync($"/api/v1/calendars/{Cn}?year=26x", Cancellation), HttpStatusCode.BadRequest);
        var unknown = await server.Client.GetAsync("/api/v1/calendars/mars/business-time?add=1d", Cancellation);

        Assert.True(add.TryGetProperty("add", out _));
        Assert.True(from.TryGetProperty("from", out _));
        Assert.Equal("must lie between 1900-01-01 and 2199-12-31.", edge.GetProperty("from")[0].GetString());
        Assert.True(year.TryGetProperty("year", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_analyst_reads_calendars_but_may_not_change_them()
    {
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu, Cn], purpose: null);

        var read = await analyst.GetAsync($"/api/v1/calendars/{Cn}", Cancellation);
        var write = await PutAsync(new { timeZone = "UTC" }, analyst);
        var import = await analyst.PostAsync($"/api/v1/calendars/{Cn}/import", new StringContent("date,kind,name\n2026-01-01,holiday,x\n", Encoding.UTF8, "text/csv"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
    }
}
