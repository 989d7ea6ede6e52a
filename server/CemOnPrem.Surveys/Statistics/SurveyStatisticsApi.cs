using System.Globalization;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Surveys.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// <c>GET /api/v1/surveys/{key}/statistics</c>: aggregates only (policy <see cref="CemPolicies.Aggregates"/>, as the
/// metrics API), summed over the regions this node serves; small groups hidden by <c>Cem:Analytics:MinGroupSize</c>.
/// </summary>
public static class SurveyStatisticsApi
{
    public static RouteHandlerBuilder MapSurveyStatisticsEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/surveys/{key}/statistics", GetAsync).WithTags("Surveys").RequireAuthorization(CemPolicies.Aggregates)
            .WithName("GetSurveyStatistics")
            .WithSummary("The invitation funnel (per channel and org unit) and per-question answer distributions; ?from=&to=&orgUnit=&channel=.");

    internal static async Task<Results<Ok<SurveyStatisticsResponse>, ProblemHttpResult>> GetAsync(
        string key, string? from, string? to, string? orgUnit, string? channel, ISurveyCatalog catalog, SurveyVersionStore versions,
        InvitationFunnelReader funnels, AnswerCountsReader answers, OrgTreeCache orgUnits, IOptions<ProjectionOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (SurveyKeys.Parse(key) is null || await FindAsync(key, catalog, versions, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return SurveysApi.NoSurvey(key, null);
        }

        var (query, problem) = await StatisticsQuery.ParseAsync(from, to, orgUnit, channel, orgUnits, time, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return problem!;
        }

        var groups = await funnels.ReadAsync(key, query, cancellationToken).ConfigureAwait(false);
        var counts = await answers.ReadAsync(key, query, cancellationToken).ConfigureAwait(false);
        var total = new FunnelCounts();
        foreach (var group in groups.Values)
        {
            total.Add(group);
        }

        var minGroupSize = options.Value.MinGroupSize;
        return TypedResults.Ok(new SurveyStatisticsResponse(
            key, survey.Version, Date(query.From), Date(query.To), query.OrgUnit, query.Channel, minGroupSize, total.ToFunnel(null, null),
            [.. groups.OrderBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.OrgUnit, StringComparer.Ordinal)
                .Select(g => g.Value.ToFunnel(g.Key.Channel, g.Key.OrgUnit))],
            QuestionDistributions.Of(survey.Template, counts, minGroupSize)));
    }

    /// <summary>The latest version; for a pack survey whose pack is no longer active, the last version recorded.</summary>
    private static async Task<PublishedSurvey?> FindAsync(string key, ISurveyCatalog catalog, SurveyVersionStore versions, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(key, null, cancellationToken).ConfigureAwait(false) is { } latest)
        {
            return latest;
        }

        var known = await versions.VersionsAsync(key, cancellationToken).ConfigureAwait(false);
        return known.Count == 0 ? null : await catalog.FindAsync(key, known[^1].Version, cancellationToken).ConfigureAwait(false);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
