using System.Text.RegularExpressions;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;

namespace CemOnPrem.Http.Residency;

/// <summary>
/// <c>.ResidencyChecked(category)</c> on an endpoint with a <c>{region}</c> route value that delivers personal data:
/// 503 when no silo serves the region, then the cross-border transfer check (403 naming the missing rule).
/// Add it after <c>.Audited(...)</c> so the access record also carries the outcome.
/// </summary>
public static partial class ResidencyEndpoints
{
    public static TBuilder ResidencyChecked<TBuilder>(this TBuilder builder, string category)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.GetRouteValue("region") is not string region || !context.RequestServices.GetRequiredService<NodeRegions>().IsConfigured(region))
            {
                // No region, or one the handler answers as unknown: nothing of a region is delivered.
                return await next(invocation).ConfigureAwait(false);
            }

            var services = context.RequestServices;
            if (services.GetRequiredService<RegionRouting>().ForRead(region) is { } unavailable)
            {
                context.Response.Headers.RetryAfter = "5";
                return unavailable;
            }

            var purpose = context.Request.Headers[CemPolicies.PurposeHeader].ToString();
            var decision = await services.GetRequiredService<CrossBorderTransferPolicy>()
                .CheckAsync(region, purpose.Length > 0 ? purpose : null, category, SubjectOf(context, region)).ConfigureAwait(false);
            return decision.Allowed ? await next(invocation).ConfigureAwait(false) : Denied(decision);
        });
        return builder;
    }

    /// <summary>
    /// <c>.ServedRegionOnly()</c> on an endpoint with a <c>{region}</c> route value that works on the region's database
    /// itself (administration): only a node that serves the region may run it (421 naming the region; 503 if none does).
    /// </summary>
    public static TBuilder ServedRegionOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (invocation, next) =>
            invocation.HttpContext.GetRouteValue("region") is string region &&
            invocation.HttpContext.RequestServices.GetRequiredService<RegionRouting>().ForWrite(region) is { } misdirected
                ? misdirected
                : await next(invocation).ConfigureAwait(false));
        return builder;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Denied(TransferDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Problem.Of(StatusCodes.Status403Forbidden, ProblemTypes.TransferDenied, "Cross-border transfer not allowed.",
            $"Delivering '{decision.Category}' data of region '{decision.From}' from this node (located in '{decision.To}') is a cross-border " +
            $"transfer, and no transfer rule allows it. Missing rule: {decision.Rule}.");
    }

    /// <summary>The customer of the route, only when the id has the shape of one (never store a typed-in value).</summary>
    private static AuditSubject? SubjectOf(HttpContext context, string region) =>
        context.GetRouteValue("customerId") is string customerId && CustomerIdPattern().IsMatch(customerId) ? new AuditSubject(region, customerId) : null;

    [GeneratedRegex("^c-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}
