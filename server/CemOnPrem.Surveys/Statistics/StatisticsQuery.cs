using System.Globalization;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// The filters of a statistics request: a period of whole UTC days (default: the 30 days up to today), an org-unit
/// subtree and a channel. Invitations count by when they were made, answers by when the response was completed.
/// </summary>
internal sealed record StatisticsQuery(DateOnly From, DateOnly To, string? OrgUnit, IReadOnlyList<string>? OrgUnits, string? Channel)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 731;
    public static readonly string[] Channels = ["link", "email", "webhook", "anonymous"];

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static async Task<(StatisticsQuery? Query, ProblemHttpResult? Problem)> ParseAsync(
        string? from, string? to, string? orgUnit, string? channel, OrgTreeCache orgUnits, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TryDate(to, out var givenTo) || givenTo is { } t && !InputDates.Contains(t))
        {
            return (null, Problem.Invalid("to", "must be a date written yyyy-MM-dd, " + InputDates.Rule));
        }

        if (!TryDate(from, out var givenFrom) || givenFrom is { } f && !InputDates.Contains(f))
        {
            return (null, Problem.Invalid("from", "must be a date written yyyy-MM-dd, " + InputDates.Rule));
        }

        var end = givenTo ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = givenFrom ?? end.AddDays(1 - DefaultDays);
        if (start > end || end.DayNumber - start.DayNumber >= MaxDays)
        {
            return (null, Problem.Invalid("from", $"must not be after 'to' ({end:yyyy-MM-dd}), and the period may span at most {MaxDays} days."));
        }

        if (channel is not null && !Channels.Contains(channel, StringComparer.Ordinal))
        {
            return (null, Problem.Invalid("channel", $"must be one of {string.Join(", ", Channels)}."));
        }

        if (orgUnit is null)
        {
            return (new StatisticsQuery(start, end, null, null, channel), null);
        }

        var units = orgUnit.Length is > 0 and <= 64 ? (await orgUnits.CurrentAsync(orgUnit, cancellationToken).ConfigureAwait(false)).Subtree(orgUnit) : [];
        return units.Count == 0
            ? (null, Problem.Invalid("orgUnit", $"'{(orgUnit.Length > 64 ? orgUnit[..64] : orgUnit)}' is not an org unit; see GET /api/v1/org-units."))
            : (new StatisticsQuery(start, end, orgUnit, [.. units.Select(u => u.Code)], channel), null);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed : null;
        return ok;
    }
}
