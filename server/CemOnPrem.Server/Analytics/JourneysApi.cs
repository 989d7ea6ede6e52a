using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Analytics;

/// <summary><c>/api/v1/journeys</c>: journey templates in force, their funnel (entered/completed/dropped per stage) and time in stage.</summary>
public static class JourneysApi
{
    public static RouteGroupBuilder MapJourneysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/journeys").WithTags("Journeys").RequireAuthorization(CemPolicies.Aggregates);
        group.MapGet("/", List).WithName("ListJourneyTemplates").WithSummary("Journey templates of the active packs.");
        group.MapGet("/{templateId}/funnel", FunnelAsync).WithName("GetJourneyFunnel")
            .WithSummary("Per stage: journeys that entered it, moved on, dropped out there, or are still in it (by day of entry).");
        group.MapGet("/{templateId}/time-in-stage", TimeInStageAsync).WithName("GetJourneyTimeInStage")
            .WithSummary("Per stage: how long customers stayed before moving on (p50, p90, mean; by day of leaving).");
        return group;
    }

    internal static Ok<JourneyTemplateListResponse> List(AnalyticsModelSource models) =>
        TypedResults.Ok(new JourneyTemplateListResponse([.. models.Current.Journeys.OrderBy(m => m.Template.Id, StringComparer.Ordinal)
            .Select(m => new JourneyTemplateInfo(m.Template.Id, m.Template.Name, [.. m.Template.Stages.Select(s => s.Id)]))]));

    internal static async Task<Results<Ok<FunnelResponse>, ProblemHttpResult>> FunnelAsync(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, RollupReader reader,
        RegionDatabases regions, TimeProvider time, IOptions<ProjectionOptions> options, CancellationToken cancellationToken)
    {
        var (query, problem) = await ParseAsync(templateId, from, to, orgUnit, models, orgUnits, time, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return problem!;
        }

        var min = options.Value.MinGroupSize;
        // Stages and totals in one read per region: two reads could straddle a projection cycle and disagree.
        var sums = await RollupGroups.SumAsync(reader, regions, query, [BuiltInMetrics.Funnel, BuiltInMetrics.Journeys], byStage: true, withHistogram: false,
            cancellationToken, withSums: false).ConfigureAwait(false);
        var stages = sums[BuiltInMetrics.Funnel];
        var journeys = RollupGroups.Total(sums[BuiltInMetrics.Journeys].Values);
        var template = models.Current.FindJourney(templateId)!.Template;
        var rows = template.Stages.Select(stage =>
        {
            var values = stages.FirstOrDefault(pair => pair.Key.Stage == stage.Id).Value ?? new RollupValues();
            return values.N < min
                ? new FunnelStage(stage.Id, null, null, null, null, null, true)
                : new FunnelStage(stage.Id, values.N, values.A, values.B, values.N - values.A - values.B, Percent(values.A, values.N), false);
        });
        var total = journeys.N < min
            ? new FunnelTotals(null, null, null, null, true)
            : new FunnelTotals(journeys.N, journeys.A, journeys.B, Percent(journeys.A, journeys.N), false);
        return TypedResults.Ok(new FunnelResponse(templateId, MetricsApi.Date(query.From), MetricsApi.Date(query.To), query.OrgUnit, min, total, [.. rows]));
    }

    internal static async Task<Results<Ok<TimeInStageResponse>, ProblemHttpResult>> TimeInStageAsync(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, RollupReader reader,
        RegionDatabases regions, TimeProvider time, IOptions<ProjectionOptions> options, CancellationToken cancellationToken)
    {
        var (query, problem) = await ParseAsync(templateId, from, to, orgUnit, models, orgUnits, time, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return problem!;
        }

        var min = options.Value.MinGroupSize;
        var stages = await RollupGroups.SumAsync(reader, regions, query, BuiltInMetrics.TimeInStage, byStage: true, withHistogram: true, cancellationToken).ConfigureAwait(false);
        var template = models.Current.FindJourney(templateId)!.Template;
        var rows = template.Stages.Select(stage =>
        {
            var values = stages.FirstOrDefault(pair => pair.Key.Stage == stage.Id).Value ?? new RollupValues();
            return values.N < min
                ? new TimeInStage(stage.Id, null, null, null, null, true)
                : new TimeInStage(stage.Id, values.N, Hours(DurationBuckets.Percentile(values.Hist, 50)), Hours(DurationBuckets.Percentile(values.Hist, 90)),
                    (double)(values.S1 / values.N) / 3600, false);
        });
        return TypedResults.Ok(new TimeInStageResponse(templateId, MetricsApi.Date(query.From), MetricsApi.Date(query.To), query.OrgUnit, min, [.. rows]));
    }

    private static async Task<(AnalyticsQuery? Query, ProblemHttpResult? Problem)> ParseAsync(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var model = models.Current;
        return model.FindJourney(templateId) is null
            ? (null, Problem.NotFound($"No journey template '{templateId}' in the active packs; see GET /api/v1/journeys."))
            : await AnalyticsQuery.ParseAsync(from, to, orgUnit, templateId, null, model, orgUnits, time, cancellationToken).ConfigureAwait(false);
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static double? Hours(TimeSpan? duration) => duration?.TotalHours;
}

public sealed record JourneyTemplateListResponse(IReadOnlyList<JourneyTemplateInfo> Items);

public sealed record JourneyTemplateInfo(string Id, IReadOnlyDictionary<string, string> Name, IReadOnlyList<string> Stages);

/// <summary>Journeys started in the period (by start day) and how they ended; suppressed below the minimum group size.</summary>
public sealed record FunnelTotals(long? Started, long? Completed, long? Abandoned, double? CompletionRate, bool Suppressed);

/// <summary>One stage: entered, moved on (completed), dropped (abandoned there), still in it; rate = completed / entered in %.</summary>
public sealed record FunnelStage(string Stage, long? Entered, long? Completed, long? Dropped, long? InProgress, double? CompletionRate, bool Suppressed);

public sealed record FunnelResponse(string Journey, string From, string To, string? OrgUnit, int MinGroupSize, FunnelTotals Journeys, IReadOnlyList<FunnelStage> Stages);

/// <summary>Time spent in a stage before moving on, in hours; percentiles from 10 %-wide buckets (within ±5 %), mean exact.</summary>
public sealed record TimeInStage(string Stage, long? N, double? P50Hours, double? P90Hours, double? MeanHours, bool Suppressed);

public sealed record TimeInStageResponse(string Journey, string From, string To, string? OrgUnit, int MinGroupSize, IReadOnlyList<TimeInStage> Stages);
