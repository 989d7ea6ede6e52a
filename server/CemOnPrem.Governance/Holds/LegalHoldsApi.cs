using CemOnPrem.Contracts.Text;
using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Governance.Holds;

/// <summary><c>/api/v1/privacy/holds</c>: place, release and list legal holds. Role compliance only; every call audited.</summary>
public static class LegalHoldsApi
{
    public static RouteGroupBuilder MapLegalHoldsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/privacy/holds").WithTags("Privacy").RequireAuthorization(CemPolicies.Compliance);
        group.MapPost("/", PlaceAsync).WithName("PlaceLegalHold").WithSummary("Place a legal hold: the customer is neither erased nor purged until released.")
            .Audited(AuditActions.LegalHoldPlace, (_, value) => value is LegalHold hold ? new AuditSubject(hold.Region, hold.CustomerId) : null);
        group.MapPost("/{region}/{holdId:guid}/release", ReleaseAsync).WithName("ReleaseLegalHold").WithSummary("Release a legal hold.").ServedRegionOnly()
            .Audited(AuditActions.LegalHoldRelease, (_, value) => value is LegalHold hold ? new AuditSubject(hold.Region, hold.CustomerId) : null);
        group.MapGet("/{region}", ListAsync).WithName("ListLegalHolds").WithSummary("The region's legal holds (active=false includes released ones).").ServedRegionOnly()
            .Audited(AuditActions.LegalHoldList);
        return group;
    }

    internal static async Task<Results<Created<LegalHold>, ProblemHttpResult>> PlaceAsync(
        LegalHoldBody? body, RegionDatabases regions, RegionRouting routing, LegalHolds holds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body is null || !Codes.IsValid(body.Region))
        {
            return Problem.Invalid("region", "is required (a region code).");
        }

        if (routing.ForWrite(body.Region) is { } misdirected)
        {
            return misdirected;
        }

        if (!regions.IsKnown(body.Region!))
        {
            return Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", regions.Regions)}.", StatusCodes.Status422UnprocessableEntity);
        }

        if (string.IsNullOrWhiteSpace(body.CustomerId) || body.CustomerId.Length > 64 || InputText.CheckSingleLine(body.CustomerId) is not null)
        {
            return Problem.Invalid("customerId", "is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500)
        {
            return Problem.Invalid("reason", "is required (1-500 characters, e.g. a case or litigation reference; no personal data).");
        }

        if (!CallerScope.Of(user).HasRegion(body.Region!))
        {
            return AccessProblems.Forbidden([$"region '{body.Region}' in the caller's scope"]);
        }

        var hold = await holds.PlaceAsync(body.Region!, body.CustomerId, body.Reason, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        return hold is null
            ? Problem.Invalid("customerId", "names no customer in that region.", StatusCodes.Status422UnprocessableEntity)
            : TypedResults.Created($"/api/v1/privacy/holds/{hold.Region}", hold);
    }

    internal static async Task<Results<Ok<LegalHold>, ProblemHttpResult>> ReleaseAsync(
        string region, Guid holdId, RegionDatabases regions, LegalHolds holds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!regions.IsKnown(region))
        {
            return Problem.NotFound($"Region '{region}' is not configured.");
        }

        return await holds.ReleaseAsync(region, holdId, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false) is { } hold
            ? TypedResults.Ok(hold)
            : Problem.NotFound("No such legal hold.");
    }

    internal static async Task<Results<Ok<LegalHoldList>, ProblemHttpResult>> ListAsync(
        string region, string? active, RegionDatabases regions, LegalHolds holds, CancellationToken cancellationToken)
    {
        if (!regions.IsKnown(region))
        {
            return Problem.NotFound($"Region '{region}' is not configured.");
        }

        if (active is not (null or "true" or "false"))
        {
            return Problem.Invalid("active", "must be true or false.");
        }

        return TypedResults.Ok(new LegalHoldList(await holds.ListAsync(region, active != "false", cancellationToken).ConfigureAwait(false)));
    }
}

public sealed record LegalHoldBody(string? Region, string? CustomerId, string? Reason);

public sealed record LegalHoldList(IReadOnlyList<LegalHold> Items);
