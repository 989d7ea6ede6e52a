using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// The request-target and header limits, enforced by the application so that a refusal is problem+json (414, 431).
/// Kestrel answers its own limit refusals with an empty body before any middleware runs, so its limits are set at
/// twice ours: between the two the client gets a problem naming the limit; beyond Kestrel's, the connection-level
/// refusal stays empty (docs/security.md, "Input rules").
/// </summary>
internal static class RequestLimits
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public static void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = 2 * MaxTargetBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var target = request.PathBase.ToUriComponent().Length + request.Path.ToUriComponent().Length + (request.QueryString.Value?.Length ?? 0);
            if (target > MaxTargetBytes)
            {
                await Problem.Invalid("url", $"the request target (path and query) may be at most {MaxTargetBytes / 1024} KiB; it has {target} bytes.",
                    StatusCodes.Status414UriTooLong).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            var headers = request.Headers.Sum(header => header.Key.Length + 4 + header.Value.Sum(value => value?.Length ?? 0));
            if (headers > MaxHeaderBytes)
            {
                await Problem.Invalid("headers", $"the request headers may be at most {MaxHeaderBytes / 1024} KiB together; they have {headers} bytes.",
                    StatusCodes.Status431RequestHeaderFieldsTooLarge).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
}
