using System.Security.Claims;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Authorization;

/// <summary>A requirement that can say which permission is missing, for the 403 problem.</summary>
internal interface ICemRequirement : IAuthorizationRequirement
{
    /// <returns>Null when met; otherwise the missing permission, in words.</returns>
    string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options);
}

/// <summary>The token carries an OAuth scope (channel clients).</summary>
internal sealed class ScopeRequirement(string scope) : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options) =>
        user.HasScope(scope) ? null : $"the OAuth scope '{scope}'";
}

/// <summary>A person's token (scope <c>cem.api</c>) with one of the roles.</summary>
internal sealed class RoleRequirement(params string[] roles) : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options) =>
        user.HasScope(CemScopes.Api) && roles.Any(role => user.HasClaim(OpenIddictConstants.Claims.Role, role))
            ? null
            : roles.Length == 1 ? $"the role {roles[0]}" : $"one of the roles {string.Join(", ", roles)}";
}

/// <summary>A declared purpose from the configured list in <c>X-Cem-Purpose</c>.</summary>
internal sealed class PurposeRequirement : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options)
    {
        var declared = http?.Request.Headers[CemPolicies.PurposeHeader].ToString();
        return !string.IsNullOrEmpty(declared) && options.EffectivePurposes.Contains(declared, StringComparer.Ordinal)
            ? null
            : $"a declared purpose in the {CemPolicies.PurposeHeader} header (one of: {string.Join(", ", options.EffectivePurposes)})";
    }
}

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
