using System.Security.Claims;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Authorization;

/// <summary>The token carries an OAuth scope (channel clients).</summary>
internal sealed class ScopeRequirement(string scope) : ICemRequirement
{
    public string? Deny(ClaimsPrincipal user, HttpContext? http, CemIdentityOptions options) =>
        user.HasScope(scope) ? null : $"the OAuth scope '{scope}'";
}
