using CemOnPrem.Http.OrgUnits;
using System.Globalization;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Analytics.Http;

/// <summary><c>/api/v1/metrics</c>: NPS, CSAT, CES and every pack metric, from the rollups, with sample sizes and 95 % intervals.</summary>
public static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/metrics").WithTags("Metrics").RequireAuthorization(CemPolicies.Aggregates);
        group.MapGet("/", List).WithName("ListMetrics").WithSummary("The metrics in force: built-in scores and those of active packs.");
        group.MapGet("/{metricId}", GetAsync).WithName("GetMetric")
            .WithSummary("A metric over a period, optionally for an org-unit subtree and a journey, grouped by day|week|month|orgUnit|stage.");
        return group;
    }

    internal static Ok<MetricListResponse> List(AnalyticsModelSource models, IEnumerable<IMetricCellSource> sources) =>
        TypedResults.Ok(new MetricListResponse([.. models.Current.Metrics.Concat(sources.SelectMany(s => s.Metrics)).OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => new MetricInfo(m.Id, KindName(m.Kind), m.Name, m.Unit, m.HigherIsBetter))]));

    internal static async Task<Results<Ok<MetricResponse>, ProblemHttpResult>> GetAsync(
        string metricId, string? from, string? to, string? orgUnit, string? journey, string? groupBy, string? caseType,
        AnalyticsModelSource models, IEnumerable<IMetricCellSource> sources, OrgTreeCache orgUnits, RollupReader reader, RegionDatabases regions,
        TimeProvider time, IOptions<ProjectionOptions> options, CancellationToken cancellationToken)
    {
        var model = models.Current;
        var fromSource = model.FindMetric(metricId) is null ? SourceMetricGroups.Find(sources, metricId) : null;
        if ((model.FindMetric(metricId) ?? fromSource?.Metric) is not { } metric)
        {
            return Problem.NotFound($"No metric '{metricId}'; see GET /api/v1/metrics.");
        }

        var (query, problem) = await AnalyticsQuery.ParseAsync(from, to, orgUnit, journey, groupBy, model, orgUnits, time, cancellationToken)
            .ConfigureAwait(false);
        if (query is null)
        {
            return problem!;
        }

        if (fromSource is not null && (query.Journey is not null || query.ByStage))
        {
            return Problem.Invalid(query.Journey is not null ? "journey" : "groupBy", $"'{metricId}' is not a journey metric: it has no journey or stage.");
        }

        if (caseType is not null && (fromSource is null || !Codes.IsValid(caseType)))
        {
            return Problem.Invalid("caseType", fromSource is null ? "applies to case metrics (cases.*) only." : $"'{caseType}' {Codes.Rule}.");
        }

        var groups = fromSource is { } found
            ? await SourceMetricGroups.SumAsync(found.Source, regions, query, metric.Id, caseType, cancellationToken).ConfigureAwait(false)
            : await RollupGroups.SumAsync(reader, regions, query, metric.Id, query.ByStage, metric.Kind == MetricKind.DurationPercentile, cancellationToken,
                withSums: metric.Kind is not (MetricKind.Nps or MetricKind.Csat or MetricKind.Rate)).ConfigureAwait(false);
        Func<RollupValues, (double?, double?, double?)> compute = fromSource is { } s
            ? values => s.Source.Compute(metric, values)
            : values => MetricValueOf.Compute(metric, values);
        var small = new SmallGroups(options.Value.MinGroupSize);
        return TypedResults.Ok(new MetricResponse(
            metric.Id, KindName(metric.Kind), metric.Unit, Date(query.From), Date(query.To), query.OrgUnit, query.Journey,
            (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), small.MinGroupSize,
            GroupOf(compute, default, RollupGroups.Total(groups.Values), small),
            [.. groups.OrderBy(g => g.Key.Period).ThenBy(g => g.Key.OrgUnit, StringComparer.Ordinal).ThenBy(g => g.Key.Stage, StringComparer.Ordinal)
                .Select(g => GroupOf(compute, g.Key, g.Value, small))]));
    }

    internal static string KindName(MetricKind kind) => kind == MetricKind.DurationPercentile ? "duration-percentile" : kind.ToString().ToLowerInvariant();

    internal static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MetricGroup GroupOf(Func<RollupValues, (double?, double?, double?)> compute, GroupKey key, RollupValues values, SmallGroups small)
    {
        var period = key.Period is { } day ? Date(day) : null;
        if (small.Hides(values))
        {
            return new MetricGroup(period, key.OrgUnit, key.Stage, null, null, null, null, true);
        }

        var (value, low, high) = compute(values);
        return new MetricGroup(period, key.OrgUnit, key.Stage, values.N, value, low, high, false);
    }
}

public sealed record MetricListResponse(IReadOnlyList<MetricInfo> Items);

public sealed record MetricInfo(string Id, string Kind, IReadOnlyDictionary<string, string> Name, string? Unit, bool HigherIsBetter);

/// <summary>
/// A metric's value overall and per group. A group with fewer than <see cref="MinGroupSize"/> values is
/// <c>suppressed</c>: neither its value nor its size is shown. OrgUnit "" is the unassigned group.
/// </summary>
public sealed record MetricResponse(
    string Metric, string Kind, string? Unit, string From, string To, string? OrgUnit, string? Journey, IReadOnlyList<string> GroupBy,
    int MinGroupSize, MetricGroup Total, IReadOnlyList<MetricGroup> Groups);

/// <summary>One group; <see cref="Period"/> is the first day of its day, week (Monday) or month.</summary>
public sealed record MetricGroup(string? Period, string? OrgUnit, string? Stage, long? N, double? Value, double? Low, double? High, bool Suppressed);
