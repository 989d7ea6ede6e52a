using System.Security.Claims;
using System.Text.Json;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Access;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Server.OrgUnits;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Ingest;

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
        HttpRequest request, EventValidator validator, OrgUnitDirectory orgUnits, RegionWriters writers, IOptions<CemOptions> options,
        ClaimsPrincipal user, OrgUnitPaths paths, RegionRouting routing,
        CancellationToken cancellationToken)
    {
        var (body, _, problem) = await RequestBody.ReadAsync(request, options.Value.Ingest.MaxEventBytes, SingleMediaTypes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = EventParsing.Parse(body!);
        if (parsed.Errors is not null)
        {
            return Problem.Invalid(parsed.Errors);
        }

        // A node writes only regions it serves: never through another jurisdiction's connection (421 / 503).
        if (routing.ForWrite(parsed.Document!.Region) is { } misdirected)
        {
            return misdirected;
        }

        var validation = validator.Validate(parsed.Document!);
        if (validation.Event is not { } valid)
        {
            return Problem.Invalid(validation.Errors!.ToDictionary(), validation.Status, validation.ProblemType);
        }

        if (valid.OrgUnit is { } code && (await orgUnits.UnknownAsync([code], cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return UnknownOrgUnit(code);
        }

        var binding = await IngestBinding.ForAsync(user, [valid.OrgUnit], paths, cancellationToken).ConfigureAwait(false);
        if (binding.Deny(valid) is { } missing)
        {
            return AccessProblems.Forbidden([missing]);
        }

        var pending = writers.TryEnqueue(valid.Region, [valid]);
        if (pending is null)
        {
            return Overloaded(request.HttpContext, valid.Region);
        }

        // Not cancelled with the request: once queued, the commit goes ahead and a retry is answered as a replay.
        // The audit record is appended while the events commit (one commit latency, not two).
        var receipts = await request.HttpContext.RecordAlongsideAsync(AuditActions.IngestEvent, "events=1", pending.Completion).ConfigureAwait(false);
        return receipts[0].Conflict
            ? EventIdConflict.Problem(receipts[0])
            : TypedResults.Accepted((string?)null, ReceiptResponse.From(receipts[0]));
    }

    internal static async Task<IResult> PostBatchAsync(
        HttpRequest request, EventValidator validator, OrgUnitDirectory orgUnits, RegionWriters writers, IOptions<CemOptions> options,
        ClaimsPrincipal user, OrgUnitPaths paths, RegionRouting routing,
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

        var codes = split.Items.Select(item => item.Document?.OrgUnit).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unknown = (await orgUnits.UnknownAsync(codes, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var binding = await IngestBinding.ForAsync(user, split.Items.Select(item => item.Document?.OrgUnit), paths, cancellationToken).ConfigureAwait(false);
        var batch = new BatchIngest(split.Items.Count);
        for (var i = 0; i < split.Items.Count; i++)
        {
            if (routing.ForWrite(split.Items[i].Document?.Region) is { ProblemDetails: var misdirected })
            {
                batch.Refuse(i, misdirected);
                continue;
            }

            batch.Validate(i, split.Items[i], validator, unknown, binding);
        }

        await request.HttpContext.RecordAlongsideAsync(AuditActions.IngestBatch,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"events={split.Items.Count}"), batch.CommitAsync(writers)).ConfigureAwait(false);
        if (batch.Overloaded)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
        }

        var response = batch.ToResponse();
        return response.Rejected == 0
            ? TypedResults.Json(response, statusCode: StatusCodes.Status202Accepted)
            : TypedResults.Json(response, statusCode: StatusCodes.Status207MultiStatus);
    }

    /// <summary>Events name org units by code; a code outside the org tree would make its numbers roll up nowhere.</summary>
    internal static ProblemHttpResult UnknownOrgUnit(string code) =>
        Problem.Invalid("orgUnit", UnknownOrgUnitMessage(code), StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit);

    internal static string UnknownOrgUnitMessage(string code) =>
        $"'{code}' is not an org unit; create it first (PUT /api/v1/org-units/{{code}} or POST /api/v1/org-units/import).";

    private static ProblemHttpResult Overloaded(HttpContext context, string region)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Ingest queue full.",
            $"The writer of region '{region}' has too many requests waiting; retry after 1 second.");
    }

    internal static JsonSerializerOptions ResponseJson { get; } = new(JsonSerializerDefaults.Web);
}
