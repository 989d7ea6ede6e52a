using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Clients;
using CemOnPrem.Identity.Users;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>
/// Authenticated callers for tests, through the real paths: users and clients created with the same
/// administration services <c>cemctl</c> uses, tokens from <c>/connect/token</c> (code + PKCE for people,
/// client credentials for channels).
/// </summary>
public static class Callers
{
    public const string Purpose = "case-handling";

    /// <summary>The org tree every server under test has: hq → branch-01 (the unit <see cref="Events"/> posts for), north/south.</summary>
    public static readonly OrgUnitDraft[] TestTree =
    [
        new("hq", "Head office", "hq", null),
        new("branch-01", "Branch 1", "branch", "hq"),
        new("north", "North", "region", "hq"),
        new("north-01", "North branch 1", "branch", "north"),
        new("south", "South", "region", "hq"),
        new("south-01", "South branch 1", "branch", "south"),
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task EnsureTestTreeAsync(this CemServerFactory server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.Services.GetRequiredService<OrgUnitStore>().UpsertAsync(TestTree, Cancellation);
    }

    /// <summary>A new user with a unique name; the second factor's secret is returned for roles that need one.</summary>
    public static async Task<TestUser> AddUserAsync(this CemServerFactory server, IReadOnlyList<string> roles, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = $"u-{(roles.Count == 1 ? roles[0] : "all")}-{Guid.NewGuid():N}";
        var password = "Test-Passw0rd-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = server.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .AddAsync(new UserDraft(name, password, roles, orgUnits, regions), Cancellation);
        return new TestUser(name, password, created.SecondFactor?.Secret);
    }

    public static async Task<string> UserTokenAsync(this CemServerFactory server, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var flow = new CodeFlow(server);
        var tokens = await flow.SignInAsync(user.Name, user.Password, user.CurrentCode());
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>A person with one role and the given scope, signed in; sends <c>X-Cem-Purpose</c> unless null.</summary>
    public static async Task<HttpClient> CreateClientAsAsync(
        this CemServerFactory server, string role, IReadOnlyList<string> orgUnits, IReadOnlyList<string> regions, string? purpose = Purpose)
    {
        var user = await server.AddUserAsync([role], orgUnits, regions);
        return server.WithBearer(await server.UserTokenAsync(user), purpose);
    }

    public static async Task<(string ClientId, string Secret)> AddIngestClientAsync(this CemServerFactory server, IReadOnlyList<string> regions, IReadOnlyList<string> orgUnits)
    {
        ArgumentNullException.ThrowIfNull(server);
        var clientId = "channel-" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = server.Services.CreateAsyncScope();
        var secret = await scope.ServiceProvider.GetRequiredService<ClientAdministration>().AddAsync(clientId, regions, orgUnits, Cancellation);
        return (clientId, secret);
    }

    public static async Task<HttpResponseMessage> RequestClientTokenAsync(this CemServerFactory server, string clientId, string secret, string scope = CemScopes.Ingest)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var http = server.CreateClient();
        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }), Cancellation);
    }

    public static async Task<string> ClientTokenAsync(this CemServerFactory server, string clientId, string secret)
    {
        var response = await server.RequestClientTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("access_token").GetString()!;
    }

    /// <summary>A channel client bound to the regions and org units, with its token.</summary>
    public static async Task<HttpClient> CreateIngestClientAsync(this CemServerFactory server, IReadOnlyList<string> regions, IReadOnlyList<string> orgUnits)
    {
        var (clientId, secret) = await server.AddIngestClientAsync(regions, orgUnits);
        return server.WithBearer(await server.ClientTokenAsync(clientId, secret), purpose: null);
    }

    /// <summary>
    /// For tests about behaviour rather than access: ingest calls carry a channel client's token (bound to both
    /// regions and the whole test tree), every other call the token of a person with every role over the same scope.
    /// </summary>
    public static async Task<HttpClient> CreateTrustedClientAsync(this CemServerFactory server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.EnsureTestTreeAsync();
        string[] regions = [.. server.Databases.Regions.Keys];
        var (clientId, secret) = await server.AddIngestClientAsync(regions, ["hq"]);
        var ingest = await server.ClientTokenAsync(clientId, secret);
        var person = await server.UserTokenAsync(await server.AddUserAsync(CemRoles.All, ["hq"], regions));
        return server.CreateDefaultClient(new RedirectHandler(), new TokenPerPath(ingest, person));
    }

    public static HttpClient WithBearer(this CemServerFactory server, string token, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.CreateDefaultClient(new RedirectHandler(), new TokenPerPath(token, token, purpose));
    }

    /// <summary>Sets the bearer token on every request, redirects included (a default header would be dropped on redirect).</summary>
    private sealed class TokenPerPath(string ingestToken, string otherToken, string? purpose = Purpose) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var ingest = request.RequestUri!.AbsolutePath.StartsWith("/api/v1/events", StringComparison.Ordinal);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingest ? ingestToken : otherToken);
            if (purpose is not null && !request.Headers.Contains(CemPolicies.PurposeHeader))
            {
                request.Headers.Add(CemPolicies.PurposeHeader, purpose);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A user created for a test; <see cref="TotpSecret"/> is set for roles that need a second factor.</summary>
/// <remarks>
/// The server accepts each one-time code once (a later sign-in needs a later time step), so <see cref="CurrentCode"/>
/// hands out the code of the next unused step: up to three sign-ins of one user within 30 s still work, as a person
/// would if they waited for the next code.
/// </remarks>
public sealed record TestUser(string Name, string Password, string? TotpSecret)
{
    private readonly object _gate = new();
    private long _lastStep;

    public string? CurrentCode()
    {
        if (TotpSecret is null)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        long step;
        lock (_gate)
        {
            step = _lastStep = Math.Max(now, _lastStep + 1);
        }

        return new Totp(Base32Encoding.ToBytes(TotpSecret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }
}
