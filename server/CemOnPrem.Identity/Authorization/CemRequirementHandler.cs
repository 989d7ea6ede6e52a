using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Identity.Authorization;

/// <summary>Evaluates every <see cref="ICemRequirement"/>; a denial carries the missing permission as its reason.</summary>
internal sealed class CemRequirementHandler(IOptions<CemIdentityOptions> options) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var http = context.Resource as HttpContext;
        foreach (var requirement in context.PendingRequirements.OfType<ICemRequirement>().ToList())
        {
            if (requirement.Deny(context.User, http, options.Value) is { } missing)
            {
                context.Fail(new AuthorizationFailureReason(this, missing));
            }
            else
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
