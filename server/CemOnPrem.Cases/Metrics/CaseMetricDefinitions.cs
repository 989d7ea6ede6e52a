using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Cases.Metrics;

/// <summary>
/// The case metrics answered by <c>/api/v1/metrics</c> (docs/cases.md, "Case metrics"). Org unit = where the case arose
/// (the event's or the metric's org unit; "" — the unassigned group — when the event named none), so a branch's numbers
/// stay its own when its case is routed to a complaints team or escalated.
/// </summary>
internal static class CaseMetricDefinitions
{
    public const string Opened = "cases.opened";
    public const string FirstResponseP50 = "cases.first-response-p50";
    public const string FirstResponseP90 = "cases.first-response-p90";
    public const string TimeToCloseP50 = "cases.time-to-close-p50";
    public const string TimeToCloseP90 = "cases.time-to-close-p90";
    public const string SlaMet = "cases.sla-met";
    public const string RegulatoryMet = "cases.regulatory-met";

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        Define(Opened, MetricKind.Custom, "Cases opened", "案件数", "cases", higherIsBetter: false),
        Define(FirstResponseP50, MetricKind.DurationPercentile, "Time to first response (median)", "首次响应时间（中位数）", "hours", percentile: 50),
        Define(FirstResponseP90, MetricKind.DurationPercentile, "Time to first response (90th percentile)", "首次响应时间（90分位）", "hours", percentile: 90),
        Define(TimeToCloseP50, MetricKind.DurationPercentile, "Time to close (median)", "结案时间（中位数）", "hours", percentile: 50),
        Define(TimeToCloseP90, MetricKind.DurationPercentile, "Time to close (90th percentile)", "结案时间（90分位）", "hours", percentile: 90),
        Define(SlaMet, MetricKind.Rate, "Resolved within the SLA", "服务时限内解决率", "%", higherIsBetter: true),
        Define(RegulatoryMet, MetricKind.Rate, "Resolved within the regulatory deadline", "监管时限内解决率", "%", higherIsBetter: true),
    ];

    private static MetricDefinition Define(string id, MetricKind kind, string en, string zh, string unit, int? percentile = null, bool higherIsBetter = false) => new()
    {
        Id = id,
        Name = new Dictionary<string, string> { ["en"] = en, ["zh"] = zh },
        Kind = kind,
        Percentile = percentile,
        Unit = unit,
        HigherIsBetter = higherIsBetter,
    };
}
