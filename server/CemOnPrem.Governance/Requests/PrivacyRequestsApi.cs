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

namespace CemOnPrem.Governance.Requests;

/// <summary>
/// <c>/api/v1/privacy/requests</c>: data-subject requests (access, erasure, rectification) and their steps. Role
/// compliance only (policy <see cref="CemPolicies.Compliance"/>); every call is one audit record (<c>dsar.*</c>,
/// <c>erasure.*</c>).
/// </summary>
public static class PrivacyRequestsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapPrivacyRequestsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/privacy/requests").WithTags("Privacy").RequireAuthorization(CemPolicies.Compliance);
        group.MapPost("/", CreateAsync).WithName("CreatePrivacyRequest").WithSummary("File a data-subject request (access, erasure, rectification).")
            .Audited(AuditActions.DsarRequest, (_, value) => value is PrivacyRequest r ? new AuditSubject(r.Region, r.CustomerId) : null);
        group.MapGet("/", ListAsync).WithName("ListPrivacyRequests").WithSummary("Requests, newest first; overdue=true lists open ones past their deadline.")
            .Audited(AuditActions.DsarList);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPrivacyRequest").WithSummary("One request and its status.")
            .Audited(AuditActions.DsarRead, Subject);
        group.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApprovePrivacyRequest").WithSummary("Approve (a compliance user other than the requester).")
            .Audited(AuditActions.DsarApprove, Subject);
        group.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectPrivacyRequest").WithSummary("Reject an open request, with the reason.")
            .Audited(AuditActions.DsarReject, Subject);
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompletePrivacyRequest")
            .WithSummary("Fulfil an approved request: erase (409 under legal hold), rectify, or export (access).")
            .Audited(AuditActions.DsarComplete, Subject);
        group.MapGet("/{id:guid}/receipt", ReceiptAsync).WithName("GetErasureReceipt").WithSummary("The signed erasure receipt of a completed erasure.")
            .Audited(AuditActions.ErasureReceiptRead);
        return group;
    }

    internal static async Task<Results<Created<PrivacyRequest>, ProblemHttpResult>> CreateAsync(
        PrivacyRequestBody? body, RegionDatabases regions, RegionRouting routing, PrivacyRequestSubjects subjects, PrivacyRequestService service,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Requests live in their region's database: a node that does not serve the region answers 421 (or 503).
        if (Codes.IsValid(body?.Region) && routing.ForWrite(body!.Region) is { } misdirected)
        {
            return misdirected;
        }

        var invalid = PrivacyRequestBody.Validate(body, regions);
        if (invalid is not null || body is null)
        {
            return invalid ?? Problem.Invalid("body", "is required.");
        }

        // A compliance officer acts for the regions in their scope only.
        if (!CallerScope.Of(user).HasRegion(body.Region!))
        {
            return AccessProblems.Forbidden([$"region '{body.Region}' in the caller's scope"]);
        }

        var customerId = await subjects.ResolveAsync(body, cancellationToken).ConfigureAwait(false);
        if (customerId is null)
        {
            return Problem.Invalid(body.CustomerId is not null ? "customerId" : "identity", "names no customer in that region.", StatusCodes.Status422UnprocessableEntity);
        }

        var request = await service.CreateAsync(body.Region!, body.Type!, customerId, HttpAuditActor.Of(user).Id, body.Note, body.Changes, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/privacy/requests/{request.RequestId}", request);
    }

    internal static async Task<Results<Ok<PrivacyRequestList>, ProblemHttpResult>> ListAsync(
        string? status, string? overdue, string? limit, PrivacyRequestStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (status is not null && !RequestStatuses.All.Contains(status))
        {
            return Problem.Invalid("status", $"must be one of {string.Join(", ", RequestStatuses.All)}.");
        }

        if (overdue is not (null or "true" or "false"))
        {
            return Problem.Invalid("overdue", "must be true or false.");
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out size) || size < 1 || size > MaxLimit))
        {
            return Problem.Invalid("limit", $"must be a whole number from 1 to {MaxLimit}.");
        }

        var items = await store.ListAsync(CallerScope.Of(user).Regions, status, overdue == "true" ? time.GetUtcNow().UtcDateTime : null, size, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(new PrivacyRequestList(items));
    }

    internal static async Task<Results<Ok<PrivacyRequest>, ProblemHttpResult>> GetAsync(
        Guid id, PrivacyRequestStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (OutOfScope(found, user) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(found!);
    }

    internal static async Task<Results<Ok<PrivacyRequest>, ProblemHttpResult>> ApproveAsync(
        Guid id, PrivacyRequestStore store, PrivacyRequestService service, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        OutOfScope(await store.FindAsync(id, cancellationToken).ConfigureAwait(false), user)
        ?? Answer(await service.ApproveAsync(id, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<PrivacyRequest>, ProblemHttpResult>> RejectAsync(
        Guid id, RejectBody? body, PrivacyRequestStore store, PrivacyRequestService service, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason) || body.Reason.Length > 500)
        {
            return Problem.Invalid("reason", "is required (1-500 characters); it is stored with the request, so name no personal data.");
        }

        return OutOfScope(await store.FindAsync(id, cancellationToken).ConfigureAwait(false), user)
            ?? Answer(await service.RejectAsync(id, body.Reason, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<PrivacyRequest>, ProblemHttpResult>> CompleteAsync(
        Guid id, PrivacyRequestStore store, PrivacyRequestService service, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        OutOfScope(await store.FindAsync(id, cancellationToken).ConfigureAwait(false), user)
        ?? Answer(await service.CompleteAsync(id, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ReceiptDocument>, ProblemHttpResult>> ReceiptAsync(
        Guid id, PrivacyRequestStore store, PrivacyRequestService service, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        OutOfScope(await store.FindAsync(id, cancellationToken).ConfigureAwait(false), user) is { } denied
            ? denied
            : await service.ReadReceiptAsync(id, cancellationToken).ConfigureAwait(false) is { } receipt
            ? TypedResults.Ok(new ReceiptDocument(receipt.RequestId, receipt.Region, receipt.Document, receipt.Algorithm, receipt.KeyId,
                Convert.ToBase64String(receipt.Signature), receipt.SignedAt))
            : Problem.NotFound("No erasure receipt for that request (it is not a completed erasure).");

    /// <summary>404 for no such request; 403 when its region is not in the caller's scope (a request is regional data).</summary>
    private static ProblemHttpResult? OutOfScope(PrivacyRequest? request, ClaimsPrincipal user) =>
        request is null ? Problem.NotFound("No such data-subject request.")
        : CallerScope.Of(user).HasRegion(request.Region) ? null
        : AccessProblems.Forbidden([$"region '{request.Region}' in the caller's scope"]);

    private static Results<Ok<PrivacyRequest>, ProblemHttpResult> Answer(RequestOutcome outcome) =>
        outcome.Refusal is { } refusal ? PrivacyProblems.Of(refusal) : TypedResults.Ok(outcome.Request!);

    private static AuditSubject? Subject(HttpContext context, object? value) =>
        value is PrivacyRequest request ? new AuditSubject(request.Region, request.CustomerId) : null;
}

public sealed record PrivacyRequestList(IReadOnlyList<PrivacyRequest> Items);

public sealed record RejectBody(string? Reason);

/// <summary>A receipt as served: the signed document verbatim, the signature in base64.</summary>
public sealed record ReceiptDocument(Guid RequestId, string Region, string Document, string Algorithm, string KeyId, string Signature, DateTime SignedAt);
