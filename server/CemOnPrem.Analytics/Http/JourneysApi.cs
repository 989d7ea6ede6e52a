using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Analytics.Http;

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

    internal static Task<Results<Ok<FunnelResponse>, ProblemHttpResult>> FunnelAsync(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, RollupReader reader,
        RegionDatabases regions, TimeProvider time, IOptions<ProjectionOptions> options, CancellationToken cancellationToken) =>
        AnswerAsync(templateId, from, to, orgUnit, models, orgUnits, time, options, async (query, template, small) =>
        {
            var (total, stages) = await Funnel.ReadAsync(reader, regions, query, template, small, cancellationToken).ConfigureAwait(false);
            return new FunnelResponse(templateId, MetricsApi.Date(query.From), MetricsApi.Date(query.To), query.OrgUnit, small.MinGroupSize, total, stages);
        }, cancellationToken);

    internal static Task<Results<Ok<TimeInStageResponse>, ProblemHttpResult>> TimeInStageAsync(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, RollupReader reader,
        RegionDatabases regions, TimeProvider time, IOptions<ProjectionOptions> options, CancellationToken cancellationToken) =>
        AnswerAsync(templateId, from, to, orgUnit, models, orgUnits, time, options, async (query, template, small) =>
        {
            var stages = await StageTimes.ReadAsync(reader, regions, query, template, small, cancellationToken).ConfigureAwait(false);
            return new TimeInStageResponse(templateId, MetricsApi.Date(query.From), MetricsApi.Date(query.To), query.OrgUnit, small.MinGroupSize, stages);
        }, cancellationToken);

    /// <summary>What both per-template answers do around their query: 404 for an unknown template, 400 for bad parameters.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> AnswerAsync<T>(
        string templateId, string? from, string? to, string? orgUnit, AnalyticsModelSource models, OrgTreeCache orgUnits, TimeProvider time,
        IOptions<ProjectionOptions> options, Func<AnalyticsQuery, JourneyTemplate, SmallGroups, Task<T>> answer, CancellationToken cancellationToken)
    {
        var model = models.Current;
        if (model.FindJourney(templateId) is not { } journey)
        {
            return Problem.NotFound($"No journey template '{templateId}' in the active packs; see GET /api/v1/journeys.");
        }

        var (query, problem) = await AnalyticsQuery.ParseAsync(from, to, orgUnit, templateId, null, model, orgUnits, time, cancellationToken)
            .ConfigureAwait(false);
        if (query is null)
        {
            return problem!;
        }

        return TypedResults.Ok(await answer(query, journey.Template, new SmallGroups(options.Value.MinGroupSize)).ConfigureAwait(false));
    }
}

public sealed record JourneyTemplateListResponse(IReadOnlyList<JourneyTemplateInfo> Items);

public sealed record JourneyTemplateInfo(string Id, IReadOnlyDictionary<string, string> Name, IReadOnlyList<string> Stages);

public sealed record FunnelResponse(string Journey, string From, string To, string? OrgUnit, int MinGroupSize, FunnelTotals Journeys, IReadOnlyList<FunnelStage> Stages);

public sealed record TimeInStageResponse(string Journey, string From, string To, string? OrgUnit, int MinGroupSize, IReadOnlyList<TimeInStage> Stages);
