using CemOnPrem.Contracts.Problems;
using CemOnPrem.Audit.Http;
using CemOnPrem.Identity.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Identity.Authorization;

/// <summary>
/// Denials as RFC 7807 problems: 403 names the missing permission (never whether the resource exists),
/// 401 says a valid token is needed (after the scheme's own challenge set <c>WWW-Authenticate</c>). A token
/// that could not be checked because the control database is down is a 503, not a 401: the channel should
/// retry, not throw its token away. Each denial is recorded in the audit trail before its body is written, so a
/// denial that cannot be recorded becomes a 503 (fail closed) rather than a half-sent answer.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var missing = authorizeResult.AuthorizationFailure?.FailureReasons.Select(reason => reason.Message).ToArray() ?? [];
            if (!await AuditDenials.RecordBeforeWritingAsync(context, StatusCodes.Status403Forbidden).ConfigureAwait(false))
            {
                return;
            }

            await AccessProblems.Forbidden(missing).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Challenged && context.Request.Headers.Authorization.Count > 0
            && (FailedOnTheDatabase(context) || !await ControlDatabaseAnswersAsync(context).ConfigureAwait(false)))
        {
            context.Response.Headers.RetryAfter = "1";
            await TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.StoreUnavailable,
                Title = "Retry shortly.",
                Detail = "The token cannot be checked now: the control database is unavailable. Retry shortly.",
            }).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
        if (authorizeResult.Challenged && !context.Response.HasStarted)
        {
            if (!await AuditDenials.RecordBeforeWritingAsync(context, StatusCodes.Status401Unauthorized).ConfigureAwait(false))
            {
                return;
            }

            await TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthenticated,
                Title = "Authentication required.",
                Detail = "This call needs a valid, unexpired, unrevoked bearer token (POST /connect/token).",
            }).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    // The token-entry lookup threw (e.g. a pooled connection broken by a database restart): authentication
    // records the exception as its failure, which would otherwise surface as a 401.
    private static bool FailedOnTheDatabase(HttpContext context)
    {
        for (var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure; failure is not null; failure = failure.InnerException)
        {
            if (failure is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    // Only on refused tokens (rare in normal operation), so the probe costs nothing on the hot path.
    private static async Task<bool> ControlDatabaseAnswersAsync(HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await context.RequestServices.GetRequiredService<CemIdentityDbContext>().Database.CanConnectAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
