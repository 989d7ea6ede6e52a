using System.Security.Claims;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Authorization;

/// <summary>A person's token (scope <c>cem.api</c>) with one of the roles.</summary>
internal sealed class RoleRequirement(params string[] roles) : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options) =>
        user.HasScope(CemScopes.Api) && roles.Any(role => user.HasClaim(OpenIddictConstants.Claims.Role, role))
            ? null
            : roles.Length == 1 ? $"the role {roles[0]}" : $"one of the roles {string.Join(", ", roles)}";
}
