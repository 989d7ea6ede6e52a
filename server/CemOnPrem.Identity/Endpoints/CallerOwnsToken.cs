using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CemOnPrem.Identity.Endpoints;

/// <summary>
/// <c>/connect/introspect</c> and <c>/connect/revoke</c> act only on tokens issued to the calling client (RFC 7662 §4,
/// RFC 7009 §2.1): the caller must be the token's presenter.
/// </summary>
/// <remarks>
/// OpenIddict's own check (<c>ValidateAuthorizedParty</c>) lets a client through when it is the token's presenter
/// <em>or</em> one of its audiences, and skips the check altogether for a token without audiences — which every token
/// of this server is (there is no separate resource server: CemOnPrem's own API is the only one). So any client with
/// the introspection permission could read a person's token (subject, client, expiry) and revoke it. Here the rule
/// is the presenter alone, and a token without a presenter belongs to nobody who may ask. The refusal is
/// <c>invalid_token</c>, which OpenIddict answers exactly as for a string that is no token at all: introspection
/// <c>{"active":false}</c>, revocation 200 with no effect. The caller learns nothing about other clients' tokens.
/// </remarks>
internal sealed class CallerOwnsToken :
    IOpenIddictServerHandler<ValidateIntrospectionRequestContext>, IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor IntrospectionDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseSingletonHandler<CallerOwnsToken>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
            .UseSingletonHandler<CallerOwnsToken>()
            .SetOrder(OpenIddictServerHandlers.Revocation.ValidateAuthorizedParty.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsPresenter(context.GenericTokenPrincipal, context.ClientId))
        {
            context.Reject(Errors.InvalidToken, "The token was not issued to this client.");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(ValidateRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsPresenter(context.GenericTokenPrincipal, context.ClientId))
        {
            context.Reject(Errors.InvalidToken, "The token was not issued to this client.");
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsPresenter(System.Security.Claims.ClaimsPrincipal? token, string? clientId) =>
        token is not null && !string.IsNullOrEmpty(clientId) && token.HasPresenter(clientId);
}
