using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CemOnPrem.Identity.Validation;

/// <summary>
/// Runs in the revocation endpoint right after OpenIddict revoked the token and before the answer is sent, so the
/// revoked token's very next call on this node is validated in full (and refused).
/// </summary>
internal sealed class ForgetValidatedTokensOnRevocation(ValidatedTokenCache cache) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseSingletonHandler<ForgetValidatedTokensOnRevocation>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        cache.Clear();
        return ValueTask.CompletedTask;
    }
}
