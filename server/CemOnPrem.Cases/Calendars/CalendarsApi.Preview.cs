using System.Globalization;
using System.Text.RegularExpressions;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Sdk.Journeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>The operators' preview: the due instant of <c>add</c> business days or hours after <c>from</c>, on the region's calendar.</summary>
public static partial class CalendarsApi
{
    // Ten years either way: beyond that a preview is a typing error, and the day-by-day walk stays short.
    private const double MaxDays = 3650;
    private const double MaxHours = 87_600;

    internal static async Task<Results<Ok<BusinessTimePreview>, ProblemHttpResult>> PreviewAsync(
        string region, string? from, string? add, NodeRegions regions, CalendarCache calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region);
        }

        var start = time.GetUtcNow();
        if (from is not null && !TryInstant(from, out start))
        {
            return Problem.Invalid("from", "must be an instant with an offset, e.g. 2026-03-27T10:00:00+01:00 or 2026-03-27T09:00:00Z.");
        }

        if (!CalendarDates.Contains(start))
        {
            return Problem.Invalid("from", CalendarDates.Rule + ".");
        }

        var match = add is null ? null : AddPattern().Match(add);
        if (match is not { Success: true } ||
            !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ||
            amount > (match.Groups["unit"].Value == "d" ? MaxDays : MaxHours))
        {
            return Problem.Invalid("add", $"must be <n>d (business days, up to {MaxDays}) or <n>h (business hours, up to {MaxHours}), e.g. 15d or 1.5d or 8h.");
        }

        var calendar = await calendars.GetAsync(region, cancellationToken).ConfigureAwait(false);
        var unit = match.Groups["unit"].Value == "d" ? SlaUnit.BusinessDays : SlaUnit.BusinessHours;
        var due = BusinessTime.Add(calendar, start, unit, amount);
        return TypedResults.Ok(new BusinessTimePreview(start, add!, due, calendar.TimeZone, calendar.Source, calendar.Note));
    }

    // An instant names its offset: a bare local time would be read in the server's zone, which is nobody's intent.
    private static bool TryInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        return InstantPattern().IsMatch(value) &&
               DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    [GeneratedRegex(@"^(?<n>\d{1,6}(\.\d{1,4})?)(?<unit>[dh])\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
