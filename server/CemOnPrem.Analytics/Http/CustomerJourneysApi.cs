using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Analytics.Http;

/// <summary>
/// <c>/api/v1/customers/{region}/{id}/journeys</c>: a customer's journeys, through the customer and journey grains.
/// Customer-level data: the same policy, org-unit visibility check and audit record as the customer view (journeys hold
/// no personal value, so an analyst sees them as they are).
/// </summary>
public static class CustomerJourneysApi
{
    public static RouteGroupBuilder MapCustomerJourneysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/customers/{region}/{customerId}/journeys").WithTags("Customers")
            .RequireAuthorization(CemPolicies.PseudonymousCustomerRead);
        group.MapGet("/", ListAsync).WithName("GetCustomerJourneys").WithSummary("The customer's journey instances with their stage visits.")
            .Audited(AuditActions.CustomerJourneysRead, AuditedEndpoints.CustomerInRoute)
            .ResidencyChecked(TransferCategories.Journeys);
        group.MapGet("/{templateId}/{instance:int}", GetAsync).WithName("GetCustomerJourney").WithSummary("One journey instance.")
            .Audited(AuditActions.CustomerJourneysRead, AuditedEndpoints.CustomerInRoute)
            .ResidencyChecked(TransferCategories.Journeys);
        return group;
    }

    internal static async Task<Results<Ok<CustomerJourneysResponse>, RedirectHttpResult, ProblemHttpResult>> ListAsync(
        string region, string customerId, NodeRegions regions, IGrainFactory grains, ClaimsPrincipal user, CustomerResolution resolution,
        CancellationToken cancellationToken)
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

        return customer.MovedTo(survivor => $"/api/v1/customers/{region}/{survivor}/journeys") is { } moved
            ? moved
            : TypedResults.Ok(new CustomerJourneysResponse(region, customerId,
                await grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId)).GetJourneysAsync().ConfigureAwait(false)));
    }

    internal static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> GetAsync(
        string region, string customerId, string templateId, int instance, NodeRegions regions, IGrainFactory grains, ClaimsPrincipal user,
        CustomerResolution resolution, CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        // A journey is addressed under the customer that owns it, merged or not: only the visibility part of the step.
        var customer = await resolution.ResolveAsync(user, region, customerId, owner: customerId, cancellationToken).ConfigureAwait(false);
        if (customer.Denied is { } denied)
        {
            return denied;
        }

        var journey = Sdk.Codes.IsValid(templateId) && instance >= 1
            ? await grains.GetGrain<IJourneyGrain>(JourneyKey.Compose(region, customerId, templateId, instance)).GetAsync().ConfigureAwait(false)
            : null;
        return journey is null ? Problem.NotFound($"The customer has no journey '{templateId}/{instance}'.") : TypedResults.Ok(journey);
    }
}

public sealed record CustomerJourneysResponse(string Region, string CustomerId, IReadOnlyList<JourneyView> Journeys);
