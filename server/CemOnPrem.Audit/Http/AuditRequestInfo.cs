using System.Text.RegularExpressions;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Audit.Http;

/// <summary>What a request tells the trail, reduced to what may be stored (no personal data).</summary>
internal static partial class AuditRequestInfo
{
    // The header identity checks customer-level reads against (CemPolicies.PurposeHeader): one declaration, decided and recorded.
    public const string PurposeHeader = "X-Cem-Purpose";

    /// <summary>Set once a record exists for the request, so the denial middleware does not record it twice.</summary>
    public const string RecordedItem = "cem.audit.recorded";

    /// <summary>The route template, not the path: a path can carry a customer id or an identity value.</summary>
    public static string Resource(HttpContext context) =>
        context.Request.Method + " " + ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");

    /// <summary>The region route value, only when it names a configured region (anything else could be typed-in personal data).</summary>
    public static string? Region(HttpContext context)
    {
        var region = context.GetRouteValue("region") as string;
        var regions = context.RequestServices.GetService<RegionDatabases>();
        return region is not null && regions is not null && regions.IsKnown(region) ? region : null;
    }

    /// <returns>The declared purpose (null when none); false when the header is malformed.</returns>
    public static bool TryPurpose(HttpContext context, out string? purpose)
    {
        purpose = null;
        if (!context.Request.Headers.TryGetValue(PurposeHeader, out var values))
        {
            return true;
        }

        var declared = values.Count == 1 ? values[0] : null;
        if (declared is null || !PurposePattern().IsMatch(declared))
        {
            // Never keep a malformed value: it could be anything a caller typed.
            return false;
        }

        purpose = declared;
        return true;
    }

    public static string PurposeRule => "must be one purpose code: lower-case letters, digits and '-', starting with a letter, at most 64 characters.";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
