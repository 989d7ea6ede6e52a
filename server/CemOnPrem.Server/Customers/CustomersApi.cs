using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using System.Security.Claims;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Masking;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Server.Customers;

/// <summary>
/// <c>/api/v1/customers</c>: the single customer view, timeline and identity lookup. Policies
/// <see cref="CemPolicies.PseudonymousCustomerRead"/> (view, timeline: analysts too, masked to pseudonyms) and
/// <see cref="CemPolicies.CustomerRead"/> (lookup) — role, declared purpose, region; then each handler checks that the
/// customer is in the caller's org-unit scope, answering "does not exist" and "not yours" with the same 403.
/// </summary>
public static class CustomersApi
{
    public const int DefaultTimelinePage = 50;
    public const int MaxTimelinePage = 200;

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        // Policies per endpoint: analysts read the view and timeline pseudonymised, but may not look up by identity value —
        // answering "this phone number is customer c-…" would re-identify the pseudonyms they see.
        var group = routes.MapGroup("/api/v1/customers").WithTags("Customers");
        group.MapGet("/{region}/lookup", LookupAsync).WithName("LookupCustomer")
            .WithSummary("Find the customer an external identity belongs to.")
            .RequireAuthorization(CemPolicies.CustomerRead)
            .Audited(AuditActions.CustomerLookup, (_, value) => value is LookupResponse found ? new AuditSubject(found.Region, found.CustomerId) : null)
            .ResidencyChecked(TransferCategories.Identities);
        group.MapGet("/{region}/{customerId}", GetCustomerAsync).WithName("GetCustomer")
            .WithSummary("Single customer view: identities, latest scores, recent events.")
            .RequireAuthorization(CemPolicies.PseudonymousCustomerRead)
            .Audited(AuditActions.CustomerRead, AuditedEndpoints.CustomerInRoute)
            .ResidencyChecked(TransferCategories.Profile);
        group.MapGet("/{region}/{customerId}/timeline", GetTimelineAsync).WithName("GetCustomerTimeline")
            .WithSummary("The customer's events, newest first, paged with an opaque cursor.")
            .RequireAuthorization(CemPolicies.PseudonymousCustomerRead)
            .Audited(AuditActions.CustomerTimelineRead, AuditedEndpoints.CustomerInRoute)
            .ResidencyChecked(TransferCategories.Events);
        return group;
    }

    internal static async Task<Results<Ok<CustomerView>, RedirectHttpResult, ProblemHttpResult>> GetCustomerAsync(
        string region, string customerId, NodeRegions regions, CustomerResolution resolution, ClaimsPrincipal user,
        CustomerMasking masking, HttpContext http, CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        var customer = await resolution.ResolveAsync(user, region, customerId, cancellationToken).ConfigureAwait(false);
        if (customer.Denied is { } denied)
        {
            return denied;
        }

        return customer.MovedTo(survivor => $"/api/v1/customers/{region}/{survivor}") is { } moved
            ? moved
            : TypedResults.Ok(await masking.ApplyAsync(customer.View!, masking.LevelFor(user, Purpose(http)), cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<TimelineResponse>, RedirectHttpResult, ProblemHttpResult>> GetTimelineAsync(
        string region, string customerId, string? cursor, string? limit, NodeRegions regions, IGrainFactory grains, ClaimsPrincipal user,
        CustomerResolution resolution, CustomerMasking masking, HttpContext http, CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        var size = DefaultTimelinePage;
        if (limit is not null && (!int.TryParse(limit, out size) || size < 1 || size > MaxTimelinePage))
        {
            return Problem.Invalid("limit", $"must be a whole number from 1 to {MaxTimelinePage}.");
        }

        TimelineCursor? after = null;
        if (cursor is not null && !TimelineCursorCodec.TryDecode(cursor, out after))
        {
            return Problem.Invalid("cursor", "is not a cursor this server issued; pass back nextCursor from the previous page.");
        }

        var customer = await resolution.ResolveAsync(user, region, customerId, cancellationToken).ConfigureAwait(false);
        if (customer.Denied is { } denied)
        {
            return denied;
        }

        if (customer.MovedTo(survivor => $"/api/v1/customers/{region}/{survivor}/timeline") is { } moved)
        {
            return moved;
        }

        var page = await grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId)).GetTimelineAsync(after, size).ConfigureAwait(false);
        var items = await masking.ApplyAsync(region, page.Items, masking.LevelFor(user, Purpose(http)), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TimelineResponse(items, page.Next is null ? null : TimelineCursorCodec.Encode(page.Next)));
    }

    internal static async Task<Results<Ok<LookupResponse>, ProblemHttpResult>> LookupAsync(
        string region, string? type, string? value, NodeRegions regions, RegionalReader reader, ClaimsPrincipal user, CustomerVisibility visibility,
        CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return CustomerAddress.UnknownRegion(region, regions);
        }

        if (!Codes.IsValid(type))
        {
            return Problem.Invalid("type", $"is required and {Codes.Rule}.");
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            return Problem.Invalid("value", "is required (1-256 characters).");
        }

        // A value that identifies no one is refused, not looked up: a stored junk value could match a stranger.
        var check = IdentityRules.Check(type!, value);
        if (!check.IsUsable)
        {
            return Problem.Invalid("value", $"is not a usable {type}: it {check.Problem}", StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnusableIdentity);
        }

        var customerId = await reader.LookupAsync(region, type!, check.Value!, cancellationToken).ConfigureAwait(false);
        return customerId is not null && await visibility.IsVisibleAsync(user, region, customerId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok(new LookupResponse(region, customerId))
            : CustomerVisibility.Denied(region);
    }

    private static string? Purpose(HttpContext http) => http.Request.Headers[CemPolicies.PurposeHeader].ToString() is { Length: > 0 } purpose ? purpose : null;
}

public sealed record TimelineResponse(IReadOnlyList<TimelineEntry> Items, string? NextCursor);

public sealed record LookupResponse(string Region, string CustomerId);
