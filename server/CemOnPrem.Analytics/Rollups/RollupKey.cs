namespace CemOnPrem.Analytics.Rollups;

/// <summary>
/// The finest grain a rollup is kept at. Empty strings (never null) mean "none": an event without an org unit, a
/// metric value not attributed to any journey. Weeks, months and org-unit subtrees are summed at query time.
/// </summary>
public readonly record struct RollupKey(string Metric, DateOnly Day, string OrgUnit, string Journey, string Stage)
{
    /// <summary>The primary-key order of <c>metric_rollups</c>.</summary>
    public static readonly IComparer<RollupKey> Order = Comparer<RollupKey>.Create(static (x, y) =>
    {
        var c = string.CompareOrdinal(x.Metric, y.Metric);
        if (c == 0)
        {
            c = x.Day.CompareTo(y.Day);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.OrgUnit, y.OrgUnit);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Journey, y.Journey);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Stage, y.Stage);
    });
}
