namespace CemOnPrem.Storage.Analytics;

/// <summary>The time bucket rollups are summed into at query time.</summary>
public enum TimeGrain
{
    None,
    Day,
    Week,
    Month,
}

/// <summary>
/// Which cells to sum: one metric over [From, To] (days, inclusive), optionally only some org unit codes and one
/// journey template; grouped by time grain, org unit code and, when <see cref="ByStage"/>, stage.
/// </summary>
public sealed record RollupQuery(string Metric, DateOnly From, DateOnly To, IReadOnlyList<string>? OrgUnits, string? Journey, TimeGrain Grain, bool ByStage);

/// <summary>One group of summed cells. <see cref="Period"/> is the first day of the day/week/month, null without a time grain.</summary>
public sealed record RollupRow(DateOnly? Period, string OrgUnit, string Stage, RollupValues Values);
