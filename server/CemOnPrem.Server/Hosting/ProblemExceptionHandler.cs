using CemOnPrem.Audit.Chain;
using CemOnPrem.Ingest;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Last line of defence: turns exceptions into problem+json. Database outages are 503 with
/// Retry-After (the client may retry safely: ingest is idempotent); anything else is a 500 whose
/// details stay in the log, never in the response.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequestProblems.From(bad, httpContext.Request),
            // Fail closed: an access whose audit record cannot be committed is not carried out (or not answered).
            AuditUnavailableException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.AuditUnavailable,
                Title = "Audit trail unavailable.",
                Detail = "The audit record of this request could not be committed, so the request was refused. Retry shortly.",
            },
            // Lost a race with other writers on the same identities several times in a row; nothing stored, safe to resend.
            AppendConflictException conflict => Unavailable($"Concurrent writes to the same customers in region '{conflict.Region}'; nothing was stored. Retry."),
            StoreUnavailableException unavailable => Unavailable($"The database of region '{unavailable.Region}' is unavailable; nothing was stored. Retry shortly."),
            // EF Core (identity stores: token entries are checked on every call) wraps transient Npgsql errors.
            _ when RegionWriter.IsTransient(exception) || (exception is InvalidOperationException { InnerException: { } inner } && RegionWriter.IsTransient(inner))
                => Unavailable("A database is unavailable. Retry shortly."),
            // Placement found no silo of the grain's region: fail fast, never activate it elsewhere.
            _ when NoSiloServesRegion(exception) is { } region => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.RegionUnavailable,
                Title = "Region unavailable.",
                Detail = Http.Residency.RegionRouting.UnavailableDetail(region),
            },
            // A node died holding the grain; until the cluster declares it dead (seconds), calls to it fail.
            SiloUnavailableException => Unavailable("A cluster node is unavailable; the request can be retried in a few seconds."),
            UnknownRegionException unknown => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.UnknownRegion,
                Title = "Unknown region.",
                Detail = unknown.Message,
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.Internal,
                Title = "Internal error.",
                Detail = $"The server failed; the log holds the details under trace id {httpContext.TraceIdentifier}.",
            };
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }

    private static string? NoSiloServesRegion(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Contracts.Regions.NoSiloServesRegionException { Region.Length: > 0 } noSilo)
            {
                return noSilo.Region;
            }
        }

        return null;
    }

    private static ProblemDetails Unavailable(string detail) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Type = ProblemTypes.StoreUnavailable,
        Title = "Temporarily unavailable.",
        Detail = detail,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
