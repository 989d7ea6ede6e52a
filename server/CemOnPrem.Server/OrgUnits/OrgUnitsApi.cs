using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Http.HttpResults;
using CemOnPrem.Http.Requests;

namespace CemOnPrem.Server.OrgUnits;

/// <summary><c>/api/v1/org-units</c>: the organisation tree that events, roll-ups and case routing refer to.</summary>
public static class OrgUnitsApi
{
    public const int MaxImportBytes = 8 * 1024 * 1024;
    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv"];

    public static RouteGroupBuilder MapOrgUnitsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/org-units").WithTags("Org units");
        group.MapGet("/", ListAsync).RequireAuthorization(CemPolicies.OrgUnitsRead).WithName("ListOrgUnits").WithSummary("All org units, or the subtree under ?under=code, in tree order.");
        group.MapGet("/{code}", GetAsync).RequireAuthorization(CemPolicies.OrgUnitsRead).WithName("GetOrgUnit").WithSummary("One org unit with its path from the root.");
        group.MapPut("/{code}", PutAsync).RequireAuthorization(CemPolicies.OrgUnitsWrite).WithName("PutOrgUnit").WithSummary("Create or update one org unit (move it by changing its parent).")
            .Audited(AuditActions.OrgUnitWrite, resource: context => "org-unit/" + context.Request.RouteValues["code"]);
        group.MapPost("/import", ImportAsync).RequireAuthorization(CemPolicies.OrgUnitsWrite).WithName("ImportOrgUnits").WithSummary("Create or update many org units from CSV (code,name,level,parent), all or nothing.")
            .Audited(AuditActions.OrgUnitImport);
        return group;
    }

    internal static async Task<Results<Ok<IReadOnlyList<OrgUnit>>, ProblemHttpResult>> ListAsync(string? under, OrgUnitStore store, CancellationToken cancellationToken)
    {
        if (under is not null && await store.FindAsync(under, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problem.NotFound($"No org unit '{under}'.");
        }

        return TypedResults.Ok(await store.ListAsync(under, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<OrgUnit>, ProblemHttpResult>> GetAsync(string code, OrgUnitStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(code, cancellationToken).ConfigureAwait(false) is { } unit ? TypedResults.Ok(unit) : Problem.NotFound($"No org unit '{code}'.");

    internal static async Task<Results<Created<OrgUnit>, Ok<OrgUnit>, ProblemHttpResult>> PutAsync(
        string code, OrgUnitBody body, OrgUnitStore store, OrgTreeCache trees, CancellationToken cancellationToken)
    {
        var draft = new OrgUnitDraft(code, body.Name ?? "", body.Level ?? "", body.Parent);
        var errors = OrgUnitRules.Check(draft).ToDictionary(e => e.Field == "code" ? "code" : e.Field, e => new[] { e.Message });
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        try
        {
            var (created, _) = await store.UpsertAsync([draft], cancellationToken).ConfigureAwait(false);
            trees.Invalidate();
            var unit = (await store.FindAsync(code, cancellationToken).ConfigureAwait(false))!;
            return created == 1 ? TypedResults.Created($"/api/v1/org-units/{code}", unit) : TypedResults.Ok(unit);
        }
        catch (OrgUnitTreeException ex)
        {
            return Problem.Invalid("parent", ex.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }

    internal static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, OrgUnitStore store, OrgTreeCache trees, CancellationToken cancellationToken)
    {
        var (body, _, problem) = await RequestBody.ReadAsync(request, MaxImportBytes, CsvMediaTypes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (units, errors) = OrgUnitCsv.Read(body!);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var (ordered, cycle) = OrgUnitBatch.ParentsFirst(units);
        if (cycle.Count > 0)
        {
            return Problem.Invalid("parent", $"the file's parents form a cycle: {string.Join(" → ", cycle)}.", StatusCodes.Status422UnprocessableEntity);
        }

        try
        {
            var (created, updated) = await store.UpsertAsync(ordered, cancellationToken).ConfigureAwait(false);
            trees.Invalidate();
            return TypedResults.Ok(new ImportResult(created, updated));
        }
        catch (OrgUnitTreeException ex)
        {
            return Problem.Invalid($"code {ex.Code}", ex.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }
}

public sealed record OrgUnitBody(string? Name, string? Level, string? Parent);

public sealed record ImportResult(int Created, int Updated);
