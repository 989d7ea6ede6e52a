using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Identity.Authorization;

/// <summary>
/// Denials as RFC 7807 problems: 403 names the missing permission (never whether the resource exists),
/// 401 says a valid token is needed (after the scheme's own challenge set <c>WWW-Authenticate</c>).
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var missing = authorizeResult.AuthorizationFailure?.FailureReasons.Select(reason => reason.Message).ToArray() ?? [];
            await AccessProblems.Forbidden(missing).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
        if (authorizeResult.Challenged && !context.Response.HasStarted)
        {
            await TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = AccessProblems.UnauthenticatedType,
                Title = "Authentication required.",
                Detail = "This call needs a valid, unexpired, unrevoked bearer token (POST /connect/token).",
            }).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
