using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>
/// Test-only authentication (identity arrives on another branch): <c>X-Test-User</c> becomes the
/// <c>sub</c> claim (or <c>X-Test-Client</c> the <c>client_id</c>), <c>X-Test-Roles</c> (comma-separated)
/// the role claims. Without those headers the caller is anonymous.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers["X-Test-User"].FirstOrDefault();
        var client = Request.Headers["X-Test-Client"].FirstOrDefault();
        if (user is null && client is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim>();
        if (user is not null)
        {
            claims.Add(new Claim("sub", user));
        }

        if (client is not null)
        {
            claims.Add(new Claim("client_id", client));
        }

        var roles = Request.Headers["X-Test-Roles"].FirstOrDefault() ?? "";
        foreach (var role in roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Both spellings: the identity policies read "role", ASP.NET Core's RequireRole the framework's claim type.
            claims.Add(new Claim(ClaimTypes.Role, role));
            claims.Add(new Claim("role", role));
        }

        // What identity's tokens carry for a caller scoped to everything: both scopes, both regions, the test tree's root.
        claims.Add(new Claim("oi_scp", "cem.api"));
        claims.Add(new Claim("oi_scp", "cem.ingest"));
        claims.Add(new Claim("cem_region", "eu-central"));
        claims.Add(new Claim("cem_region", "cn-east"));
        claims.Add(new Claim("cem_org_unit", AuditServerFactory.TestRootOrgUnit));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
