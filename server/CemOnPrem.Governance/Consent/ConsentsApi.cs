using CemOnPrem.Contracts.Text;
using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Http.Customers;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Governance;

/// <summary>
/// <c>/api/v1/customers/{region}/{customerId}/consents</c>: record a grant or withdrawal, read the current state and history.
/// Authorised like the other customer-level endpoints (policy <see cref="CemPolicies.CustomerRead"/>, then org-unit scope).
/// </summary>
public static class ConsentsApi
{
    public const int MaxText = 64;

    public static RouteGroupBuilder MapConsentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/customers/{region}/{customerId}/consents").WithTags("Consent").RequireAuthorization(CemPolicies.CustomerRead);
        group.MapPost("/", RecordAsync).WithName("RecordConsent").WithSummary("Record that the customer granted or withdrew a purpose.")
            .Audited(AuditActions.ConsentRecord, AuditedEndpoints.CustomerInRoute)
            .ServedRegionOnly().ResidencyChecked(TransferCategories.Profile);
        group.MapGet("/", ReadAsync).WithName("GetConsents").WithSummary("The customer's current consent per purpose and the full ledger.")
            .Audited(AuditActions.ConsentRead, AuditedEndpoints.CustomerInRoute)
            .ServedRegionOnly().ResidencyChecked(TransferCategories.Profile);
        return group;
    }

    internal static async Task<Results<Created<ConsentRecorded>, ProblemHttpResult>> RecordAsync(
        string region, string customerId, ConsentRequest? body, NodeRegions regions, ConsentLedger ledger, ConsentPurposes purposes,
        ClaimsPrincipal user, CustomerResolution resolution, CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, regions) is { } address)
        {
            return address;
        }

        if (Validate(body, purposes) is { } invalid)
        {
            return invalid;
        }

        // A grant for a merged-away customer is recorded on its survivor (the ledger follows the merge), so the survivor decides visibility.
        var owner = await ledger.SurvivorOfAsync(region, customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        if ((await resolution.ResolveAsync(user, region, customerId, owner, cancellationToken).ConfigureAwait(false)).Denied is { } denied)
        {
            return denied;
        }

        var recorded = await ledger.RecordAsync(region, customerId,
            new ConsentChange(body!.Purpose!, body.Status!, body.Source!, body.PolicyVersion!, HttpAuditActor.Of(user).Id), cancellationToken).ConfigureAwait(false);
        if (recorded is not { } written)
        {
            return CustomerVisibility.Denied(region);
        }

        return TypedResults.Created($"/api/v1/customers/{region}/{written.CustomerId}/consents", new ConsentRecorded(region, written.CustomerId, written.Entry));
    }

    internal static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> ReadAsync(
        string region, string customerId, NodeRegions regions, ConsentLedger ledger, ClaimsPrincipal user, CustomerResolution resolution,
        CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, regions) is { } address)
        {
            return address;
        }

        // The ledger reads the survivor's history in one transaction; its owner is the one the caller must be allowed to see.
        var read = await ledger.ReadAsync(region, customerId, cancellationToken).ConfigureAwait(false);
        if ((await resolution.ResolveAsync(user, region, customerId, read?.CustomerId, cancellationToken).ConfigureAwait(false)).Denied is { } denied)
        {
            return denied;
        }

        var found = read!.Value;
        return TypedResults.Ok(new ConsentView(region, found.CustomerId, ledger.CurrentStates(found.History), found.History));
    }

    private static ProblemHttpResult? Validate(ConsentRequest? body, ConsentPurposes purposes)
    {
        if (body is null)
        {
            return Problem.Invalid("body", "must be a JSON object with purpose, status, source and policyVersion.");
        }

        if (!ConsentPurposes.IsValidName(body.Purpose))
        {
            return Problem.Invalid("purpose", "is required: lower-case letters, digits and '-', 1-64 characters.");
        }

        if (purposes.BasisOf(body.Purpose!) is null)
        {
            return Problem.Invalid("purpose", $"is not a configured purpose nor one a pack declares; known: {string.Join(", ", purposes.Known())}.",
                StatusCodes.Status422UnprocessableEntity);
        }

        if (body.Status is not (ConsentStatuses.Granted or ConsentStatuses.Withdrawn))
        {
            return Problem.Invalid("status", $"must be '{ConsentStatuses.Granted}' or '{ConsentStatuses.Withdrawn}'.");
        }

        if (!Codes.IsValid(body.Source))
        {
            return Problem.Invalid("source", "is required: the channel the decision came through, e.g. branch-tablet or web-preferences (a code).");
        }

        return string.IsNullOrWhiteSpace(body.PolicyVersion) || body.PolicyVersion.Length > MaxText || InputText.CheckSingleLine(body.PolicyVersion) is not null
            ? Problem.Invalid("policyVersion", $"is required: the version of the privacy notice the customer saw (1-{MaxText} characters, one line without control characters).")
            : null;
    }
}

public sealed record ConsentRequest(string? Purpose, string? Status, string? Source, string? PolicyVersion);

public sealed record ConsentRecorded(string Region, string CustomerId, ConsentEntry Entry);

public sealed record ConsentView(string Region, string CustomerId, IReadOnlyList<ConsentState> Purposes, IReadOnlyList<ConsentEntry> History);
