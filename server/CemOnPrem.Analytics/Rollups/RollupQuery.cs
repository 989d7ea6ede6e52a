namespace CemOnPrem.Analytics.Rollups;

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
/// journey template; grouped by time grain, org unit code and, when <see cref="ByStage"/>, stage. Histograms are
/// summed only <see cref="WithHistogram"/> (duration metrics) and decimal sums only <see cref="WithSums"/>: summing
/// arrays and numerics costs far more than summing counters, and NPS/CSAT/rates need only the counters.
/// <see cref="AlsoMetrics"/> are read by the same statement, so all of them come from one snapshot of the region (a
/// funnel's stages and its totals never straddle a projection cycle).
/// </summary>
public sealed record RollupQuery(
    string Metric, DateOnly From, DateOnly To, IReadOnlyList<string>? OrgUnits, string? Journey, TimeGrain Grain, bool ByStage,
    bool WithSums = false, bool WithHistogram = false, IReadOnlyList<string>? AlsoMetrics = null)
{
    /// <summary><see cref="Metric"/> and <see cref="AlsoMetrics"/>, without repeats.</summary>
    public string[] AllMetrics => [.. new[] { Metric }.Concat(AlsoMetrics ?? []).Distinct(StringComparer.Ordinal)];
}

/// <summary>One group of summed cells of <see cref="Metric"/>. <see cref="Period"/> is the first day of the day/week/month, null without a time grain.</summary>
public sealed record RollupRow(DateOnly? Period, string OrgUnit, string Stage, RollupValues Values, string Metric);
