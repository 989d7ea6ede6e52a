using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Server.Tests.Identity.Federation;

/// <summary>
/// A stand-in for the bank's identity provider: a second, minimal OpenIddict server on a loopback port (plain HTTP,
/// tests only), with its own database. Who is signed in there is chosen by the test (<see cref="LoginPath"/> sets a
/// cookie), so the test drives the real redirects, code exchange and identity token of an upstream login.
/// </summary>
public sealed class BankIdp : IAsyncDisposable
{
    public const string ClientId = "cem-onprem";
    public const string ClientSecret = "bank-idp-client-secret-for-tests";
    public const string LoginPath = "/test/login";
    private const string UserCookie = "bank-user";

    /// <summary>The bank's people: subject, e-mail, user name, groups.</summary>
    public static readonly IReadOnlyDictionary<string, (string Subject, string Email, string[] Groups)> People =
        new Dictionary<string, (string, string, string[])>(StringComparer.Ordinal)
        {
            ["alice"] = ("S-1-5-21-1001", "alice@bank.example", ["CEM-Agents-North", "All-Staff"]),
            ["bob"] = ("S-1-5-21-1002", "bob@bank.example", ["All-Staff"]),
            ["mallory"] = ("S-1-5-21-1003", "mallory@elsewhere.example", ["CEM-Agents-North"]),
            ["carol"] = ("S-1-5-21-1004", "carol@bank.example", ["CEM-Agents-North"]),
            // Signs in twice in its own test, so that alice's first sign-in (which creates the user) is independent of test order.
            ["dave"] = ("S-1-5-21-1005", "dave@bank.example", ["CEM-Agents-North"]),
            // Administrators: erin signed in with a second factor at the IdP, frank with a password only.
            ["erin"] = ("S-1-5-21-1006", "erin@bank.example", ["CEM-Admins"]),
            ["frank"] = ("S-1-5-21-1007", "frank@bank.example", ["CEM-Admins"]),
        };

    /// <summary>The authentication methods (<c>amr</c>) the IdP reports per person; none for the others.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Methods = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["erin"] = ["pwd", "mfa"],
        ["frank"] = ["pwd"],
    };

    private readonly WebApplication _app;

    private BankIdp(WebApplication app, Uri issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<BankIdp> StartAsync(string connectionString, Uri redirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<BankIdpDb>(db => db.UseNpgsql(connectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<BankIdpDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, "groups");
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.MapGet(LoginPath, (HttpContext http, string user) =>
        {
            http.Response.Cookies.Append(UserCookie, user);
            return Results.Ok();
        });
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize);
        app.MapPost("/connect/token", (Delegate)TokenAsync);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BankIdpDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                RedirectUris = { redirectUri },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Email,
                    Permissions.Prefixes.Scope + "groups",
                },
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BankIdp(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    // Signs in whoever the test chose, with the claims a bank's IdP would put into the identity token.
    private static IResult Authorize(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(UserCookie, out var name) || !People.TryGetValue(name, out var person))
        {
            return Results.Text("nobody signed in at the bank IdP", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity("bank", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Email, person.Email).SetClaim(Claims.PreferredUsername, name);
        identity.SetClaims("groups", [.. person.Groups]);
        if (Methods.TryGetValue(name, out var methods))
        {
            identity.SetClaims(Claims.AuthenticationMethodReference, [.. methods]);
        }

        identity.SetScopes(http.GetOpenIddictServerRequest()!.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return Results.SignIn(code.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The bank IdP's own OpenIddict tables.</summary>
public sealed class BankIdpDb(DbContextOptions<BankIdpDb> options) : DbContext(options);
