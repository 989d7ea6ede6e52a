using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CemOnPrem.Identity.Endpoints;

/// <summary>
/// <c>/connect/token</c>, <c>/connect/introspect</c> and <c>/connect/revoke</c> take their parameters from a POST form
/// body only. A GET, or a POST with anything in the query string, is refused before OpenIddict reads a parameter.
/// </summary>
/// <remarks>
/// OpenIddict serves introspection over GET as well, reading <c>client_secret</c> and <c>token</c> from the query
/// string, where proxies, access logs and browser histories keep them. Refusing every query string (not only the
/// secret) on these endpoints leaves no parameter that could come from two places.
/// </remarks>
internal sealed class FormPostOnly : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<FormPostOnly>()
            // After the endpoint is known, before any endpoint's extraction (all of them run at 100 000).
            .SetOrder(OpenIddictServerHandlers.Exchange.ExtractTokenRequest.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation)
            || context.Transaction.GetHttpRequest() is not { } request)
        {
            return ValueTask.CompletedTask;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Reject(Errors.InvalidRequest, "Use POST with an application/x-www-form-urlencoded body.");
        }
        else if (request.QueryString.HasValue)
        {
            context.Reject(Errors.InvalidRequest, "Parameters are accepted in the POST form body only, never in the query string.");
        }

        return ValueTask.CompletedTask;
    }
}
