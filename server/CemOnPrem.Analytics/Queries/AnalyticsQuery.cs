using CemOnPrem.Http.OrgUnits;
using System.Globalization;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Analytics.Queries;

/// <summary>The validated common parameters of the aggregate endpoints: period, org unit, journey, grouping.</summary>
internal sealed record AnalyticsQuery(DateOnly From, DateOnly To, string? OrgUnit, OrgScope Org, string? Journey, TimeGrain Grain, bool ByOrgUnit, bool ByStage)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 3660;

    private static readonly string[] GroupNames = ["day", "week", "month", "orgUnit", "stage"];

    public static async Task<(AnalyticsQuery? Query, ProblemHttpResult? Problem)> ParseAsync(
        string? from, string? to, string? orgUnit, string? journey, string? groupBy, AnalyticsModel model, OrgTreeCache orgUnits,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TryDate(to, out var given))
        {
            return (null, Problem.Invalid("to", "must be a date written yyyy-MM-dd."));
        }

        // Checked before any arithmetic: a day subtracted from 0001-01-01 or added to 9999-12-31 overflows.
        var end = given ?? today;
        if (!InputDates.Contains(end))
        {
            return (null, Problem.Invalid("to", InputDates.Rule));
        }

        if (!TryDate(from, out var givenFrom))
        {
            return (null, Problem.Invalid("from", "must be a date written yyyy-MM-dd."));
        }

        if (givenFrom is { } explicitFrom && !InputDates.Contains(explicitFrom))
        {
            return (null, Problem.Invalid("from", InputDates.Rule));
        }

        // The default period: the 30 days up to 'to', computed only when 'from' is not given.
        var start = givenFrom ?? end.AddDays(1 - DefaultDays);

        if (start > end)
        {
            return (null, Problem.Invalid("from", $"must not be after 'to' ({end:yyyy-MM-dd})."));
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            return (null, Problem.Invalid("to", $"the period may span at most {MaxDays} days."));
        }

        if (journey is not null && model.FindJourney(journey) is null)
        {
            return (null, Problem.Invalid("journey", $"'{journey}' is not a journey template of an active pack."));
        }

        var grain = TimeGrain.None;
        bool byOrgUnit = false, byStage = false;
        foreach (var name in (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var duplicate = name switch
            {
                "day" or "week" or "month" => Set(ref grain, name),
                "orgUnit" => Flag(ref byOrgUnit),
                "stage" => Flag(ref byStage),
                _ => (bool?)null,
            };
            if (duplicate is null)
            {
                return (null, Problem.Invalid("groupBy", $"'{name}' is not a grouping; use a comma-separated list of {string.Join(", ", GroupNames)}."));
            }

            if (duplicate.Value)
            {
                return (null, Problem.Invalid("groupBy", "names each grouping at most once and at most one of day, week, month."));
            }
        }

        if (orgUnit is not null && (orgUnit.Length == 0 || orgUnit.Length > 64))
        {
            return (null, Problem.Invalid("orgUnit", "must be an org unit code (1-64 characters)."));
        }

        var org = await OrgScope.ResolveAsync(orgUnits, orgUnit, cancellationToken).ConfigureAwait(false);
        if (org is null)
        {
            return (null, Problem.Invalid("orgUnit", $"'{orgUnit}' is not an org unit; see GET /api/v1/org-units."));
        }

        return (new AnalyticsQuery(start, end, orgUnit, org, journey, grain, byOrgUnit, byStage), null);
    }

    public RollupQuery ToRollupQuery(string metric, bool byStage, bool withSums, bool withHistogram) =>
        new(metric, From, To, Org.Codes, Journey, Grain, byStage, withSums, withHistogram);

    private static bool Set(ref TimeGrain grain, string name)
    {
        var duplicate = grain != TimeGrain.None;
        grain = Enum.Parse<TimeGrain>(name, ignoreCase: true);
        return duplicate;
    }

    private static bool Flag(ref bool flag)
    {
        var duplicate = flag;
        flag = true;
        return duplicate;
    }

    /// <returns>False for text that is not a date; <paramref name="date"/> null when no text was given.</returns>
    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }
}
