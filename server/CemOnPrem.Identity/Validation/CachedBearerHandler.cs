using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace CemOnPrem.Identity.Validation;

/// <summary>
/// The API's authentication scheme: a bearer token validated in full by OpenIddict (signature, decryption, lifetime,
/// token entry) within the last few seconds is accepted from <see cref="ValidatedTokenCache"/>; otherwise OpenIddict
/// validates it and a success is remembered. Failures are never cached and pass through unchanged (the 401/503
/// handling reads their exception). Challenges and forbids are OpenIddict's.
/// </summary>
internal sealed class CachedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "cem-bearer";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = BearerHeader();
        if (header is not null && cache.TryGet(TokenOf(header), out var cached))
        {
            // A copy per request: nothing downstream may change the principal another request is using.
            return Task.FromResult(AuthenticateResult.Success(
                new AuthenticationTicket(cached.Principal.Clone(), cached.Properties.Clone(), cached.AuthenticationScheme)));
        }

        return ValidateAsync(header is null ? null : TokenOf(header).ToString());
    }

    private async Task<AuthenticateResult> ValidateAsync(string? token)
    {
        var generation = cache.Generation;
        if (ApiAuthenticationMiddleware.SkippedProtocolHandlers(Context) && await ValidationAnsweredTheRequestAsync().ConfigureAwait(false))
        {
            return AuthenticateResult.Fail("OpenIddict's validation answered the request itself.");
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (token is not null && result is { Succeeded: true, Ticket: { } ticket })
        {
            cache.Remember(token, ticket, ticket.Principal.GetExpirationDate(), generation);
        }

        return result;
    }

    /// <summary>
    /// OpenIddict's validation handler sets up its request state in its protocol pass, which the standard middleware runs
    /// for every request and <see cref="ApiAuthenticationMiddleware"/> leaves to this point: only a token the cache
    /// cannot answer for (or none) reaches OpenIddict.
    /// </summary>
    private async Task<bool> ValidationAnsweredTheRequestAsync()
    {
        var handlers = Context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        return await handlers.GetHandlerAsync(Context, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false) is IAuthenticationRequestHandler validation
            && await validation.HandleRequestAsync().ConfigureAwait(false);
    }

    /// <summary>The Authorization header if it holds a non-empty bearer token (the token is not copied out: most calls hit the cache).</summary>
    private string? BearerHeader()
    {
        var header = Request.Headers.Authorization;
        return header.Count == 1 && header[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && !TokenOf(value).IsEmpty
            ? value
            : null;
    }

    private static ReadOnlySpan<char> TokenOf(string header) => header.AsSpan(BearerPrefix.Length).Trim();
}
