using CemOnPrem.Contracts.Problems;
using System.Globalization;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Queries;
using CemOnPrem.Audit.Records;
using CemOnPrem.Sdk;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// Compliance queries: <c>GET /records</c> (filters, keyset paging), <c>GET /subjects/{region}</c>
/// ("who accessed this customer", by external identity), <c>GET /export</c> (signed evidence package).
/// Every query is itself recorded.
/// </summary>
internal static class AuditQueriesApi
{
    public const int MaxExportRecords = 100_000;

    public static void MapAuditQueries(this RouteGroupBuilder group)
    {
        group.MapGet("/records", FindAsync).WithName("QueryAuditRecords")
            .WithSummary("Records matching category, action, actor, outcome, subject pseudonym, region, from/to; oldest first, paged with after/limit.")
            .Audited(AuditActions.AuditQuery);
        group.MapGet("/subjects/{region}", SubjectAsync).WithName("QueryAuditSubject")
            .WithSummary("Who accessed the customer an external identity (type, value) belongs to; the resolution itself is recorded.");
        group.MapGet("/export", ExportAsync).WithName("ExportAuditEvidence")
            .WithSummary("A zip of the matching records (format=csv|json) with a detached signature, the signed checkpoints and the public key.")
            .Audited(AuditActions.AuditExport);
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem>> FindAsync(HttpRequest request, AuditQueryStore store, CancellationToken cancellationToken)
    {
        var (query, limit, errors) = AuditQueryParameters.Read(request.Query);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        return TypedResults.Ok(AuditPage.Of(await store.FindAsync(query, limit, cancellationToken).ConfigureAwait(false), limit));
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem, ProblemHttpResult>> SubjectAsync(
        string region, HttpRequest request, RegionDatabases regions, EventLogReader log, SubjectPseudonyms pseudonyms, AuditQueryStore store,
        IAuditTrail trail, CancellationToken cancellationToken)
    {
        var type = request.Query["type"].FirstOrDefault();
        var value = request.Query["value"].FirstOrDefault();
        var (query, limit, errors) = AuditQueryParameters.Read(request.Query);
        if (!regions.IsKnown(region))
        {
            errors["region"] = [$"is not a configured region; configured: {string.Join(", ", regions.Regions)}."];
        }

        if (!Codes.IsValid(type))
        {
            errors["type"] = [$"is required and {Codes.Rule}."];
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            errors["value"] = ["is required (1-256 characters)."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        // A value that identifies no one is refused, not looked up (as the customer lookup does): 422, not "no such customer".
        var check = IdentityRules.Check(type!, value!);
        if (!check.IsUsable)
        {
            return UnusableIdentity("value", $"is not a usable {type}: it {check.Problem}");
        }

        var customerId = await log.LookupAsync(region, type!, check.Value!, cancellationToken).ConfigureAwait(false);
        var resource = AuditRequestInfo.Resource(request.HttpContext);
        request.HttpContext.Items[AuditRequestInfo.RecordedItem] = true;
        if (customerId is null)
        {
            await trail.RecordAsync(new AuditEntry(AuditActions.AuditSubjectResolve, resource, AuditOutcome.Failed) { Region = region, Detail = "status=404" }).ConfigureAwait(false);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Not found.",
                detail: $"No customer in region '{region}' has this {type}.");
        }

        var subject = new AuditSubject(region, customerId);
        // Recorded before the answer leaves: resolving an identity is itself an access to that customer.
        await trail.RecordAsync(new AuditEntry(AuditActions.AuditSubjectResolve, resource, AuditOutcome.Allowed) { Subject = subject, Region = region, Detail = "status=200" })
            .ConfigureAwait(false);
        var pseudonym = pseudonyms.Of(subject);
        var records = await store.FindAsync(query with { Subject = pseudonym }, limit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(AuditPage.Of(records, limit, pseudonym));
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        HttpRequest request, AuditQueryStore store, AuditCheckpointStore checkpoints, AuditSigningKey key, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (query, _, errors) = AuditQueryParameters.Read(request.Query);
        errors.Remove("limit");
        var format = request.Query["format"].FirstOrDefault() ?? "csv";
        if (format is not ("csv" or "json"))
        {
            errors["format"] = ["must be csv or json."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var records = await store.FindAsync(query, MaxExportRecords, cancellationToken).ConfigureAwait(false);
        var bundle = EvidenceBundle.Build([.. records.Select(AuditRecordDocument.From)], format == "csv", key.Key,
            await checkpoints.ListAsync(cancellationToken).ConfigureAwait(false), request.QueryString.Value ?? "", clock.GetUtcNow());
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return TypedResults.File(bundle, "application/zip", $"cem-audit-evidence-{stamp}.zip");
    }

    // The same answer as the server's Problem.Invalid(..., 422, UnusableIdentity) (that builder lives above this module).
    private static ProblemHttpResult UnusableIdentity(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = ProblemTypes.UnusableIdentity,
            Title = "An identity value is not usable: it could not tell one customer from another.",
            Detail = $"{field}: {message}",
        });

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")),
            type: ProblemTypes.Validation, title: "The request is invalid.");
}
