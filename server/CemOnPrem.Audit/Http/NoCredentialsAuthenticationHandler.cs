using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// The default scheme while no identity provider is configured: nobody is authenticated, a
/// challenge is 401, a forbid is 403. Protected endpoints are therefore closed, not open. The
/// identity branch (OpenIddict validation) replaces it as the default scheme.
/// </summary>
public sealed class NoCredentialsAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "cem-no-credentials";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
