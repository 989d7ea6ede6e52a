using CemOnPrem.Identity.Authorization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Governance.Retention;

/// <summary>
/// <c>POST /api/v1/admin/retention/run</c>: run the retention purge now and report per region and category. A dry run
/// unless <c>dryRun=false</c> (deleting must be asked for). Role admin. The purge records its own audit entry
/// (<c>purge.retention</c> / <c>purge.retention-dry-run</c>), the same one a scheduled run records, so the endpoint
/// adds none.
/// </summary>
public static class RetentionAdminApi
{
    public static RouteGroupBuilder MapRetentionAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/retention").WithTags("Privacy").RequireAuthorization(CemPolicies.Admin);
        group.MapPost("/run", RunAsync).WithName("RunRetention").WithSummary("Purge what is past its retention period (dry run unless dryRun=false).");
        return group;
    }

    internal static async Task<Results<Ok<RetentionReport>, ProblemHttpResult>> RunAsync(string? dryRun, RetentionPurge purge, CancellationToken cancellationToken)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return Problem.Invalid("dryRun", "must be true or false.");
        }

        return TypedResults.Ok(await purge.RunAsync(dryRun != "false", cancellationToken).ConfigureAwait(false));
    }
}
