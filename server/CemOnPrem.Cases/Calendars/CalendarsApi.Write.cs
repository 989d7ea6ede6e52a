using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Cases.Calendars.Files;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Writing calendars: replace one (PUT) or import dated days from a file, each only with the ETag of the version the
/// caller read in <c>If-Match</c> (428 without, 412 when stale). Each write invalidates this node's cache at once.
/// </summary>
public static partial class CalendarsApi
{
    internal static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> PutAsync(
        string region, CalendarBody? body, HttpContext http, NodeRegions regions, CalendarStore store, CalendarCache cache, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (expected, precondition) = CalendarETags.Expected(http);
        if (precondition is not null)
        {
            return precondition;
        }

        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region);
        }

        var (draft, errors) = CalendarBodyRules.Check(body);
        if (draft is null)
        {
            return Problem.Invalid(errors);
        }

        return Written(http, region, cache, await store.ReplaceIfAsync(region, draft, expected, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> ImportAsync(
        string region, string? mode, HttpRequest request, NodeRegions regions, CalendarStore store, CalendarCache cache, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (expected, precondition) = CalendarETags.Expected(request.HttpContext);
        if (precondition is not null)
        {
            return precondition;
        }

        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region);
        }

        if (mode is not (null or "merge" or "replace"))
        {
            return Problem.Invalid("mode", "must be merge (add or update the file's days) or replace (the file's days become the calendar's days).");
        }

        var (text, mediaType, problem) = await CalendarUpload.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var file = mediaType == CalendarUpload.Csv ? CalendarCsv.Read(text!) : CalendarIcs.Read(text!);
        if (!file.IsValid)
        {
            return Problem.Invalid(file.Errors.ToDictionary(error => error.Key, error => error.Value, StringComparer.Ordinal));
        }

        return Written(request.HttpContext, region, cache, await store.ImportDaysIfAsync(
            region, file.Days, replaceDays: mode == "replace", expected, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The written calendar with its new ETag, or 412 when it had changed since the caller read it (nothing written).</summary>
    private static Results<Ok<CalendarView>, ProblemHttpResult> Written(HttpContext http, string region, CalendarCache cache, CalendarWrite write)
    {
        if (write.Calendar is not { } calendar)
        {
            return CalendarETags.Stale(write.CurrentVersion);
        }

        cache.Invalidate(region);
        CalendarETags.Set(http, calendar.Version);
        return TypedResults.Ok(CalendarView.Of(calendar));
    }
}
