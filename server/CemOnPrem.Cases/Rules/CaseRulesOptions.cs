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

        foreach (var entry in Disabled.Where(e => e is null || e.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]))
        {
            yield return $"{Section}:Disabled entries are written '{{pack id}}/{{rule id}}' (found '{entry}').";
        }
    }
}
