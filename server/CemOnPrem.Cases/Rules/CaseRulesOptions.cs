namespace CemOnPrem.Cases.Rules;

/// <summary>Settings of the pack rules on live data (<c>Cem:Cases:Rules</c>, docs/cases.md "Rules on live data").</summary>
public sealed class CaseRulesOptions
{
    public const string Section = "Cem:Cases:Rules";

    /// <summary>
    /// Firings older than this are not turned into cases: a rebuilt region or a year of history loaded in bulk
    /// re-derives old events, and must not open a year of cases.
    /// </summary>
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>How often each node evaluates the metric rules of the regions it serves (one node at a time per region).</summary>
    public int MetricIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Event rules' cases are opened right after their events commit (<see cref="EventRuleFastPath"/>), not only in the
    /// analytics projection's cycle (which stays the backstop). Off: event-rule cases wait for the projection.
    /// </summary>
    public bool FastPath { get; set; } = true;

    /// <summary>How often the fast path looks for new events in each region this node serves.</summary>
    public int FastPathMilliseconds { get; set; } = 100;

    /// <summary>Rules switched off in this deployment, as <c>{pack id}/{rule id}</c>.</summary>
    public IList<string> Disabled { get; } = [];

    public IEnumerable<string> Validate()
    {
        if (MaxAgeDays is < 1 or > 3660)
        {
            yield return $"{Section}:MaxAgeDays must be between 1 and 3660 (is {MaxAgeDays}).";
        }

        if (MetricIntervalSeconds is < 5 or > 86_400)
        {
            yield return $"{Section}:MetricIntervalSeconds must be between 5 and 86400 (is {MetricIntervalSeconds}).";
        }

        if (FastPathMilliseconds is < 10 or > 60_000)
        {
            yield return $"{Section}:FastPathMilliseconds must be between 10 and 60000 (is {FastPathMilliseconds}).";
        }

        foreach (var entry in Disabled.Where(e => e is null || e.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]))
        {
            yield return $"{Section}:Disabled entries are written '{{pack id}}/{{rule id}}' (found '{entry}').";
        }
    }
}
