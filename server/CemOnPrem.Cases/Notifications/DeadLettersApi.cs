using CemOnPrem.Audit.Http;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Notifications;

/// <summary><c>/api/v1/admin/webhooks/dead-letters</c>: deliveries given up on, per region, and retrying one. Served regions only.</summary>
public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLettersApi(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/dead-letters", ListAsync).WithName("ListDeadLetters").WithSummary("A region's dead deliveries (webhook and e-mail), newest first.")
            .Audited(WebhookAuditActions.DeadLetterList);
        group.MapPost("/dead-letters/{region}/{id:guid}/retry", RetryAsync).WithName("RetryDeadLetter")
            .WithSummary("Deliver a dead delivery again (attempts start from zero).").ServedRegionOnly()
            .Audited(WebhookAuditActions.DeadLetterRetry, resource: http => $"outbox/{http.GetRouteValue("region")}/{http.GetRouteValue("id")}");
        return group;
    }

    internal static async Task<Results<Ok<DeadLetterList>, ProblemHttpResult>> ListAsync(
        string? region, RegionDatabases regions, RegionRouting routing, DeadLetters deadLetters, CancellationToken cancellationToken) =>
        RegionProblem(region, regions, routing) is { } problem
            ? problem
            : TypedResults.Ok(new DeadLetterList(await deadLetters.ListAsync(region!, cancellationToken).ConfigureAwait(false)));

    /// <summary>The problem with a dead-letter list's <c>region</c> (missing, not configured, served elsewhere: 421); null when it may be read here.</summary>
    public static ProblemHttpResult? RegionProblem(string? region, RegionDatabases regions, RegionRouting routing)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(routing);
        if (string.IsNullOrEmpty(region))
        {
            return Problem.Invalid("region", "is required (a configured region).");
        }

        return !regions.IsKnown(region)
            ? Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", regions.Regions)}.")
            : routing.ForWrite(region);
    }

    internal static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> RetryAsync(
        string region, Guid id, RegionDatabases regions, DeadLetters deadLetters, CancellationToken cancellationToken)
    {
        if (!regions.IsKnown(region))
        {
            return Problem.NotFound($"Region '{region}' is not configured.");
        }

        return await deadLetters.RetryAsync(region, id, cancellationToken).ConfigureAwait(false) is { } retried
            ? TypedResults.Ok(retried)
            : Problem.NotFound("No dead delivery with that id in that region.");
    }
}

public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Items);
