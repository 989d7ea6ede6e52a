using System.Text.RegularExpressions;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Server.Problems;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Server.Analytics;

/// <summary><c>/api/v1/customers/{region}/{id}/journeys</c>: a customer's journeys, through the customer and journey grains.</summary>
public static partial class CustomerJourneysApi
{
    public static RouteGroupBuilder MapCustomerJourneysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/customers/{region}/{customerId}/journeys").WithTags("Customers");
        group.MapGet("/", ListAsync).WithName("GetCustomerJourneys").WithSummary("The customer's journey instances with their stage visits.")
            .Audited(AuditActions.CustomerJourneysRead, AuditedEndpoints.CustomerInRoute);
        group.MapGet("/{templateId}/{instance:int}", GetAsync).WithName("GetCustomerJourney").WithSummary("One journey instance.")
            .Audited(AuditActions.CustomerJourneysRead, AuditedEndpoints.CustomerInRoute);
        return group;
    }

    internal static async Task<Results<Ok<CustomerJourneysResponse>, RedirectHttpResult, ProblemHttpResult>> ListAsync(
        string region, string customerId, RegionDatabases regions, IGrainFactory grains)
    {
        if (CheckAddress(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        var customer = grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId));
        var view = await customer.GetViewAsync().ConfigureAwait(false);
        if (view is null)
        {
            return Problem.NotFound($"No customer '{customerId}' in region '{region}'.");
        }

        if (view.MergedInto is { } survivor)
        {
            return TypedResults.Redirect($"/api/v1/customers/{region}/{survivor}/journeys", permanent: true, preserveMethod: true);
        }

        return TypedResults.Ok(new CustomerJourneysResponse(region, customerId, await customer.GetJourneysAsync().ConfigureAwait(false)));
    }

    internal static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> GetAsync(
        string region, string customerId, string templateId, int instance, RegionDatabases regions, IGrainFactory grains)
    {
        if (CheckAddress(region, customerId, regions) is { } problem)
        {
            return problem;
        }

        if (!Sdk.Codes.IsValid(templateId) || instance < 1)
        {
            return Problem.NotFound($"No journey '{templateId}/{instance}' of customer '{customerId}'.");
        }

        var journey = await grains.GetGrain<IJourneyGrain>(JourneyKey.Compose(region, customerId, templateId, instance)).GetAsync().ConfigureAwait(false);
        return journey is null ? Problem.NotFound($"No journey '{templateId}/{instance}' of customer '{customerId}'.") : TypedResults.Ok(journey);
    }

    private static ProblemHttpResult? CheckAddress(string region, string customerId, RegionDatabases regions) =>
        !regions.IsKnown(region) ? Problem.NotFound($"Region '{region}' is not configured; configured: {string.Join(", ", regions.Regions)}.")
        : CustomerIdPattern().IsMatch(customerId) ? null
        : Problem.NotFound($"No customer '{customerId}' in region '{region}'.");

    [GeneratedRegex("^c-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}

public sealed record CustomerJourneysResponse(string Region, string CustomerId, IReadOnlyList<JourneyView> Journeys);
