using System.Text.RegularExpressions;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using System.Security.Claims;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Server.Access;
using CemOnPrem.Http.Customers;
using CemOnPrem.Server.Privacy;
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
public static partial class CustomersApi
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
        string region, string customerId, NodeRegions regions, IGrainFactory grains, ClaimsPrincipal user, CustomerVisibility visibility,
        CustomerMasking masking, HttpContext http, CancellationToken cancellationToken)
    {
        if (CheckAddress(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        var view = await grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId)).GetViewAsync().ConfigureAwait(false);
        // A merged customer's events belong to the survivor, so the survivor decides visibility.
        if (view is null || !await visibility.IsVisibleAsync(user, region, view.MergedInto ?? customerId, cancellationToken).ConfigureAwait(false))
        {
            return CustomerVisibility.Denied(region);
        }

        return view.MergedInto is { } survivor
            ? TypedResults.Redirect($"/api/v1/customers/{region}/{survivor}", permanent: true, preserveMethod: true)
            : TypedResults.Ok(await masking.ApplyAsync(view, masking.LevelFor(user, Purpose(http)), cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<TimelineResponse>, RedirectHttpResult, ProblemHttpResult>> GetTimelineAsync(
        string region, string customerId, string? cursor, string? limit, NodeRegions regions, IGrainFactory grains, ClaimsPrincipal user,
        CustomerVisibility visibility, CustomerMasking masking, HttpContext http, CancellationToken cancellationToken)
    {
        if (CheckAddress(region, customerId, regions) is { } problem)
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

        var grain = grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId));
        var view = await grain.GetViewAsync().ConfigureAwait(false);
        if (view is null || !await visibility.IsVisibleAsync(user, region, view.MergedInto ?? customerId, cancellationToken).ConfigureAwait(false))
        {
            return CustomerVisibility.Denied(region);
        }

        if (view.MergedInto is { } survivor)
        {
            return TypedResults.Redirect($"/api/v1/customers/{region}/{survivor}/timeline", permanent: true, preserveMethod: true);
        }

        var page = await grain.GetTimelineAsync(after, size).ConfigureAwait(false);
        var items = await masking.ApplyAsync(region, page.Items, masking.LevelFor(user, Purpose(http)), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TimelineResponse(items, page.Next is null ? null : TimelineCursorCodec.Encode(page.Next)));
    }

    internal static async Task<Results<Ok<LookupResponse>, ProblemHttpResult>> LookupAsync(
        string region, string? type, string? value, NodeRegions regions, EventLogReader log, IGrainFactory grains, ClaimsPrincipal user, CustomerVisibility visibility,
        CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region, regions);
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

        var normalized = check.Value!;
        // A region this node does not serve is read by one of its own silos (this node has no connection to it).
        var customerId = regions.IsServedHere(region)
            ? await log.LookupAsync(region, type!, normalized, cancellationToken).ConfigureAwait(false)
            : await grains.GetGrain<IRegionalReaderGrain>(RegionalReaders.KeyOf(region)).LookupAsync(type!, normalized).ConfigureAwait(false);
        return customerId is not null && await visibility.IsVisibleAsync(user, region, customerId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok(new LookupResponse(region, customerId))
            : CustomerVisibility.Denied(region);
    }

    internal static ProblemHttpResult? CheckAddress(string region, string customerId, NodeRegions regions)
    {
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region, regions);
        }

        return CustomerIdPattern().IsMatch(customerId) ? null : NoSuchCustomer(region, customerId);
    }

    private static string? Purpose(HttpContext http) => http.Request.Headers[CemPolicies.PurposeHeader].ToString() is { Length: > 0 } purpose ? purpose : null;

    private static ProblemHttpResult UnknownRegion(string region, NodeRegions regions) =>
        Problem.NotFound($"Region '{region}' is not configured; configured: {string.Join(", ", regions.Configured)}.");

    private static ProblemHttpResult NoSuchCustomer(string region, string customerId) =>
        Problem.NotFound($"No customer '{customerId}' in region '{region}'.");

    [GeneratedRegex("^c-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}

public sealed record TimelineResponse(IReadOnlyList<TimelineEntry> Items, string? NextCursor);

public sealed record LookupResponse(string Region, string CustomerId);
