using System.Security.Claims;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace CemOnPrem.Identity.Authorization;

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
