using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Cases.Metrics;

/// <summary>
/// One statement per case metric over the region's <c>cases</c> table, grouped like rollup cells (period, org unit and,
/// for durations, the log-spaced bucket of <c>DurationBuckets</c>, computed in SQL so only cells travel).
/// </summary>
internal static class CaseMetricSql
{
    public static string For(string metric, TimeGrain grain, bool filterOrgUnits, bool filterType)
    {
        var (dated, measure, extraWhere) = metric switch
        {
            CaseMetricDefinitions.Opened => ("opened_at", "count(*) as n, 0::bigint as a, 0 as bucket", ""),
            CaseMetricDefinitions.FirstResponseP50 or CaseMetricDefinitions.FirstResponseP90 =>
                ("first_response_at", $"count(*) as n, 0::bigint as a, {Bucket("first_response_at")} as bucket", ""),
            CaseMetricDefinitions.TimeToCloseP50 or CaseMetricDefinitions.TimeToCloseP90 =>
                ("closed_at", $"count(*) as n, 0::bigint as a, {Bucket("closed_at")} as bucket", ""),
            CaseMetricDefinitions.SlaMet => ("resolved_at", "count(*) as n, count(*) filter (where resolved_at <= sla_due_at) as a, 0 as bucket", ""),
            CaseMetricDefinitions.RegulatoryMet =>
                ("resolved_at", "count(*) as n, count(*) filter (where resolved_at <= reg_due_at) as a, 0 as bucket", " and reg_due_at is not null"),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a case metric"),
        };
        var period = grain switch
        {
            TimeGrain.Day => $"({dated} at time zone 'UTC')::date",
            TimeGrain.Week => $"date_trunc('week', {dated} at time zone 'UTC')::date",
            TimeGrain.Month => $"date_trunc('month', {dated} at time zone 'UTC')::date",
            _ => "null::date",
        };
        var durationGrouping = IsDuration(metric);
        return $"""
            select {period} as period, coalesce(org_unit, '') as org_unit, {measure}
            from cases
            where {dated} >= @from and {dated} < @until{extraWhere}
            {(filterOrgUnits ? "and org_unit = any(@orgUnits)" : "")}
            {(filterType ? "and case_type = @caseType" : "")}
            group by 1, 2{(durationGrouping ? ", 5" : "")}
            """;
    }

    public static bool IsDuration(string metric) => metric is CaseMetricDefinitions.FirstResponseP50 or CaseMetricDefinitions.FirstResponseP90
        or CaseMetricDefinitions.TimeToCloseP50 or CaseMetricDefinitions.TimeToCloseP90;

    // DurationBuckets.Of in SQL: bucket 0 under one second, else 1 + floor(ln(seconds) / ln(1.1)), at most 400.
    private static string Bucket(string ended)
    {
        var seconds = $"extract(epoch from ({ended} - opened_at))";
        return $"case when {seconds} < 1 then 0 else least(400, 1 + floor(ln({seconds}) / ln(1.1))::int) end";
    }
}
