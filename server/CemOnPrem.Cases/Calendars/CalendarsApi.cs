using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// <c>/api/v1/calendars</c>: the regions' working calendars and the business-time preview. Reading is for the roles
/// that read org units, writing for admins (audited). Calendars are deployment configuration, not personal data.
/// </summary>
public static partial class CalendarsApi
{
    public static RouteGroupBuilder MapCalendarEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/calendars").WithTags("Calendars");
        group.MapGet("/", ListAsync).RequireAuthorization(CemPolicies.OrgUnitsRead).WithName("ListCalendars")
            .WithSummary("Every configured region with the source of its calendar (stored, or the Monday–Friday UTC default).");
        group.MapGet("/{region}", GetAsync).RequireAuthorization(CemPolicies.OrgUnitsRead).WithName("GetCalendar")
            .WithSummary("A region's calendar and its dated days (?year= for one year's).");
        group.MapGet("/{region}/business-time", PreviewAsync).RequireAuthorization(CemPolicies.OrgUnitsRead).WithName("PreviewBusinessTime")
            .WithSummary("When is something due: ?from=<instant>&add=<n>d (business days) or <n>h (business hours).");
        group.MapPut("/{region}", PutAsync).RequireAuthorization(CemPolicies.Admin).WithName("PutCalendar")
            .WithSummary("Replace a region's calendar: time zone, working days and hours, dated days (If-Match: the ETag read).")
            .Audited(AuditActions.CalendarReplace, resource: Resource);
        group.MapPost("/{region}/import", ImportAsync).RequireAuthorization(CemPolicies.Admin).WithName("ImportCalendar")
            .WithSummary("Import dated days from CSV (date,kind,name) or iCalendar; ?mode=merge (default) or replace (If-Match: the ETag read).")
            .Audited(AuditActions.CalendarImport, resource: Resource);
        return group;
    }

    internal static async Task<Ok<CalendarList>> ListAsync(NodeRegions regions, CalendarStore store, CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(calendar => calendar.Region, StringComparer.Ordinal);
        var items = regions.Configured
            .Select(region => CalendarView.Of(stored.GetValueOrDefault(region) ?? WorkingCalendar.Default(region), withDays: false))
            .ToList();
        return TypedResults.Ok(new CalendarList(items));
    }

    internal static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> GetAsync(
        string region, string? year, HttpContext http, NodeRegions regions, CalendarStore store, CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region);
        }

        int? onlyYear = null;
        if (year is not null)
        {
            if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2999)
            {
                return Problem.Invalid("year", "must be a year between 1900 and 2999.");
            }

            onlyYear = y;
        }

        var calendar = await store.FindAsync(region, cancellationToken).ConfigureAwait(false) ?? WorkingCalendar.Default(region);
        CalendarETags.Set(http, calendar.Version);
        return TypedResults.Ok(CalendarView.Of(calendar, onlyYear));
    }

    private static string Resource(HttpContext context) => "calendar/" + context.Request.RouteValues["region"];

    private static ProblemHttpResult UnknownRegion(string region) =>
        Problem.NotFound($"Region '{(region.Length > 40 ? region[..40] : region)}' is not configured (Cem:Regions).");
}
