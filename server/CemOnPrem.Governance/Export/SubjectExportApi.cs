using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Http.Customers;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Http.Residency;
using Dapper;

namespace CemOnPrem.Governance.Export;

/// <summary>
/// <c>GET /api/v1/privacy/subjects/{region}/{customerId}/export</c>: everything about a data subject (GDPR Art. 15)
/// as a streamed zip. Policy <see cref="CemPolicies.Compliance"/>, declared purpose <c>dsar</c>, the region in the
/// caller's scope; audited as <c>dsar.export</c>.
/// </summary>
public static class SubjectExportApi
{
    public const string Purpose = "dsar";

    public static RouteGroupBuilder MapSubjectExportApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/privacy/subjects").WithTags("Privacy").RequireAuthorization(CemPolicies.Compliance);
        group.MapGet("/{region}/{customerId}/export", ExportAsync).WithName("ExportSubject")
            .WithSummary("Data-subject access export: profile, identities, events, feedback, journeys as JSON + CSV in a zip with a manifest.")
            .Audited(AuditActions.DsarExport, AuditedEndpoints.CustomerInRoute)
            .ServedRegionOnly().ResidencyChecked(TransferCategories.Export);
        return group;
    }

    internal static async Task<IResult> ExportAsync(
        string region, string customerId, NodeRegions nodeRegions, RegionDatabases regions, EventLogReader log, IEnumerable<IExportCategory> categories, TimeProvider clock,
        ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (CustomerAddress.Check(region, customerId, nodeRegions) is { } problem)
        {
            return problem;
        }

        if (http.Request.Headers[CemPolicies.PurposeHeader].ToString() != Purpose)
        {
            return AccessProblems.Forbidden([$"the purpose '{Purpose}' in the {CemPolicies.PurposeHeader} header"]);
        }

        if (!CallerScope.Of(user).HasRegion(region))
        {
            return AccessProblems.Forbidden([$"the region '{region}' in the caller's scope"]);
        }

        // A compliance officer exports any customer of a region in scope (no org-unit check), so an unknown customer is a plain 404.
        var customer = await log.FindCustomerAsync(region, customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return CustomerAddress.NoSuchCustomer(region, customerId);
        }

        if (customer.MergedInto is { } survivor)
        {
            return CustomerAddress.MovedTo($"/api/v1/privacy/subjects/{region}/{survivor}/export");
        }

        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var merged = (await connection.QueryAsync<string>(
            "select customer_id from customers where merged_into = @customerId order by customer_id", new { customerId }).ConfigureAwait(false)).ToList();
        var subject = new ExportSubject(region, customerId, new DateTimeOffset(customer.CreatedAt, TimeSpan.Zero), merged);
        return new SubjectExportResult(subject, [.. categories], clock);
    }
}
