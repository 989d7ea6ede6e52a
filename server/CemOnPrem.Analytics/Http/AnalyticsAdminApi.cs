using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Analytics.Http;

/// <summary><c>/api/v1/admin/analytics</c>: projection status, rollup verification against a full recompute, rebuild.</summary>
public static class AnalyticsAdminApi
{
    public static RouteGroupBuilder MapAnalyticsAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/analytics").WithTags("Analytics administration").RequireAuthorization(CemPolicies.Admin);
        group.MapGet("/", StatusAsync).WithName("GetAnalyticsStatus").WithSummary("Per region: projection watermark, last cycle, events and time-outs waiting.");
        group.MapPost("/{region}/verify", Verify).WithName("VerifyRollups").Audited(AuditActions.AnalyticsVerify, resource: RegionResource).ServedRegionOnly()
            .WithSummary("Starts recomputing the region's rollups from raw events and comparing them cell by cell; poll the job.");
        group.MapGet("/jobs/{id:guid}", Job).WithName("GetAnalyticsJob").WithSummary("A verification job: progress, then the comparison.");
        group.MapPost("/{region}/rebuild", RebuildAsync).WithName("RebuildRollups").Audited(AuditActions.AnalyticsRebuild, resource: RegionResource).ServedRegionOnly()
            .WithSummary("Drops the region's journeys and rollups; the projector derives them again from the log (watch the status).");
        return group;
    }

    private static string RegionResource(HttpContext context) => "analytics/" + context.Request.RouteValues["region"];

    private static ProblemHttpResult? UnknownRegion(string region, RegionDatabases regions) =>
        regions.IsKnown(region) ? null : Problem.NotFound($"Region '{region}' is not configured; configured: {string.Join(", ", regions.Regions)}.");

    internal static async Task<Ok<AnalyticsStatusResponse>> StatusAsync(ProjectionStore store, RegionDatabases regions, AnalyticsProjector projector,
        CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(regions.Regions.Select(region => store.ReadStatusAsync(region, cancellationToken))).ConfigureAwait(false);
        return TypedResults.Ok(new AnalyticsStatusResponse(statuses, projector.RememberedEvents));
    }

    internal static Results<Accepted<VerifyJobResponse>, ProblemHttpResult> Verify(string region, RegionDatabases regions, AnalyticsJobs jobs)
    {
        if (UnknownRegion(region, regions) is { } problem)
        {
            return problem;
        }

        var job = jobs.Start(region);
        return TypedResults.Accepted($"/api/v1/admin/analytics/jobs/{job.Id}", VerifyJobResponse.Of(job));
    }

    internal static Results<Ok<VerifyJobResponse>, ProblemHttpResult> Job(Guid id, AnalyticsJobs jobs) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(VerifyJobResponse.Of(job)) : Problem.NotFound($"No verification job '{id}' on this node.");

    internal static async Task<Results<Accepted<AnalyticsStatusResponse>, ProblemHttpResult>> RebuildAsync(
        string region, RegionDatabases regions, ProjectionStore store, AnalyticsProjector projector, CancellationToken cancellationToken)
    {
        if (UnknownRegion(region, regions) is { } problem)
        {
            return problem;
        }

        await store.ResetAsync(region, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted("/api/v1/admin/analytics",
            new AnalyticsStatusResponse([await store.ReadStatusAsync(region, cancellationToken).ConfigureAwait(false)], projector.RememberedEvents));
    }
}

/// <param name="NodeHistoryEvents">Customer-history events the answering node's projector holds in memory (<c>Cem:Analytics:HistoryCacheEvents</c>).</param>
public sealed record AnalyticsStatusResponse(IReadOnlyList<ProjectionStatus> Regions, long NodeHistoryEvents);

public sealed record VerifyJobResponse(
    Guid Id, string Region, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long CustomersDone,
    long? StoredCells, long? RecomputedCells, long? DifferentCells, IReadOnlyList<RollupDifference>? Differences, string? Note)
{
    public static VerifyJobResponse Of(VerifyJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var comparison = job.Result?.Comparison;
        return new(job.Id, job.Region, job.Status, job.StartedAt, job.FinishedAt, job.Result?.Customers ?? job.CustomersDone,
            comparison?.StoredCells, comparison?.RecomputedCells, comparison?.DifferentCells, comparison?.Differences, job.Result?.Note ?? job.Failure);
    }
}
