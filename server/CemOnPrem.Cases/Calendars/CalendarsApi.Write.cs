using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Cases.Calendars.Files;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Writing calendars: replace one (PUT) or import dated days from a file. Each write invalidates this node's cache at once.</summary>
public static partial class CalendarsApi
{
    internal static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> PutAsync(
        string region, CalendarBody? body, NodeRegions regions, CalendarStore store, CalendarCache cache, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region);
        }

        var (draft, errors) = CalendarBodyRules.Check(body);
        if (draft is null)
        {
            return Problem.Invalid(errors);
        }

        var calendar = await store.ReplaceAsync(region, draft, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        cache.Invalidate(region);
        return TypedResults.Ok(CalendarView.Of(calendar));
    }

    internal static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> ImportAsync(
        string region, string? mode, HttpRequest request, NodeRegions regions, CalendarStore store, CalendarCache cache, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
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

        var calendar = await store.ImportDaysAsync(region, file.Days, replaceDays: mode == "replace", HttpAuditActor.Of(user).Id, cancellationToken)
            .ConfigureAwait(false);
        cache.Invalidate(region);
        return TypedResults.Ok(CalendarView.Of(calendar));
    }
}
