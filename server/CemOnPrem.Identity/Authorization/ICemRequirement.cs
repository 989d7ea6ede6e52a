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
