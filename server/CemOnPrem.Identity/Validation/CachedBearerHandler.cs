using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken();
        if (token is not null && cache.TryGet(token, out var cached))
        {
            // A copy per request: nothing downstream may change the principal another request is using.
            return AuthenticateResult.Success(new AuthenticationTicket(cached.Principal.Clone(), cached.Properties.Clone(), cached.AuthenticationScheme));
        }

        var generation = cache.Generation;
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (token is not null && result is { Succeeded: true, Ticket: { } ticket })
        {
            cache.Remember(token, ticket, ticket.Principal.GetExpirationDate(), generation);
        }

        return result;
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value[BearerPrefix.Length..].Trim();
        return token.Length > 0 ? token : null;
    }
}
