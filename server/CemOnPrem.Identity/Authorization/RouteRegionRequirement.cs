using System.Security.Claims;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Authorization;

/// <summary>The <c>{region}</c> of the route is one of the caller's regions.</summary>
internal sealed class RouteRegionRequirement : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options)
    {
        if (http?.GetRouteValue("region") is not string region)
        {
            return null;
        }

        return CallerScope.Of(user).HasRegion(region) ? null : $"scope over region '{region}'";
    }
}
