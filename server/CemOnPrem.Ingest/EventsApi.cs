using CemOnPrem.Http.OrgUnits;
using System.Security.Claims;
using System.Text.Json;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using CemOnPrem.Http.Requests;

namespace CemOnPrem.Ingest;

/// <summary>
/// <c>/api/v1/events</c>: durable ingest. 202 means committed in the region's database. Policy
/// <see cref="CemPolicies.Ingest"/>; each event must also lie within the client's region/org-unit binding (403).
/// </summary>
public static class EventsApi
{
    private static readonly string[] SingleMediaTypes = ["application/json"];
    private static readonly string[] BatchMediaTypes = ["application/x-ndjson", "application/ndjson", "application/json"];

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/events").WithTags("Ingest").RequireAuthorization(CemPolicies.Ingest);
        group.MapPost("/", PostEventAsync).WithName("PostEvent").WithSummary("Ingest one event (application/json).")
            .Audited(AuditActions.IngestEvent);
        group.MapPost("/batch", PostBatchAsync).WithName("PostEventBatch")
            .WithSummary("Ingest many events (application/x-ndjson or a JSON array); per-item results.")
            .Audited(AuditActions.IngestBatch);
        return group;
    }

    internal static async Task<Results<Accepted<ReceiptResponse>, ProblemHttpResult>> PostEventAsync(
        HttpRequest request, EventValidator validator, OrgTreeCache orgTree, RegionWriters writers, IOptions<CemOptions> options,
        ClaimsPrincipal user, RegionRouting routing,
        CancellationToken cancellationToken)
    {
        var (body, _, problem) = await RequestBody.ReadAsync(request, options.Value.Ingest.MaxEventBytes, SingleMediaTypes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // A batch of one: the same steps as the batch endpoint; only the framing and the answer differ.
        var ingest = IngestPipeline.Of(EventParsing.Parse(body!));
        ingest.Validate(routing, validator);
        await ingest.BindAsync(orgTree, user, cancellationToken).ConfigureAwait(false);
        ingest.Write(writers);
        if (ingest.Queued)
        {
            // Not cancelled with the request: once queued, the commit goes ahead and a retry is answered as a replay.
            // The audit record is appended while the event commits (one commit latency, not two). A database outage
            // fails the request (503 from ProblemExceptionHandler), the audit filter having left the record to this one.
            await request.HttpContext.RecordAlongsideAsync(AuditActions.IngestEvent, "events=1", ingest.Committed(perItem: false)).ConfigureAwait(false);
        }

        return SingleEventAnswer.Of(ingest[0], request.HttpContext);
    }

    internal static async Task<IResult> PostBatchAsync(
        HttpRequest request, EventValidator validator, OrgTreeCache orgTree, RegionWriters writers, IOptions<CemOptions> options,
        ClaimsPrincipal user, RegionRouting routing,
        CancellationToken cancellationToken)
    {
        var limits = options.Value.Ingest;
        var (body, mediaType, problem) = await RequestBody.ReadAsync(request, limits.MaxBatchBytes, BatchMediaTypes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var split = mediaType == "application/json" ? BatchSplitting.JsonArray(body!) : BatchSplitting.Ndjson(body!);
        if (split.Error is not null)
        {
            return Problem.Invalid("body", split.Error);
        }

        if (split.Items.Count == 0)
        {
            return Problem.Invalid("body", "the batch holds no events.");
        }

        if (split.Items.Count > limits.MaxBatchCount)
        {
            return Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Too many events in one batch.",
                $"The batch holds {split.Items.Count} events; at most {limits.MaxBatchCount} are allowed (Cem:Ingest:MaxBatchCount).");
        }

        var ingest = IngestPipeline.Of(split.Items);
        ingest.Validate(routing, validator);
        await ingest.BindAsync(orgTree, user, cancellationToken).ConfigureAwait(false);
        ingest.Write(writers);
        // One record per batch, whatever its items' fates; a region's database outage answers only that region's items.
        await request.HttpContext.RecordAlongsideAsync(AuditActions.IngestBatch,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"events={split.Items.Count}"), ingest.Committed(perItem: true)).ConfigureAwait(false);
        if (ingest.Overloaded)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
        }

        var response = BatchResponse.Of(ingest);
        return response.Rejected == 0
            ? TypedResults.Json(response, statusCode: StatusCodes.Status202Accepted)
            : TypedResults.Json(response, statusCode: StatusCodes.Status207MultiStatus);
    }

    /// <summary>Events name org units by code; a code outside the org tree would make its numbers roll up nowhere (422).</summary>
    internal static string UnknownOrgUnitMessage(string code) =>
        $"'{code}' is not an org unit; create it first (PUT /api/v1/org-units/{{code}} or POST /api/v1/org-units/import).";

    internal static JsonSerializerOptions ResponseJson { get; } = new(JsonSerializerDefaults.Web);
}
