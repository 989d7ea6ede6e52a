using CemOnPrem.Contracts.Problems;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Clients;
using CemOnPrem.Identity.Users;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>Tokens through the real endpoints: issue and use, wrong secret, revocation, refresh, discovery.</summary>
public sealed class TokenTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Fact]
    public async Task Client_credentials_token_is_issued_and_accepted_for_ingest()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);

        var response = await server.Factory.RequestClientTokenAsync(clientId, secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await Events.ReadJsonAsync(response);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 1, 900);
        using var channel = server.Factory.WithBearer(token.GetProperty("access_token").GetString()!, purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Wrong_client_secret_gets_no_token()
    {
        var (clientId, _) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);

        var response = await server.Factory.RequestClientTokenAsync(clientId, "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await Events.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Client_may_not_ask_for_a_scope_it_was_not_given()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);

        var response = await server.Factory.RequestClientTokenAsync(clientId, secret, CemScopes.Api);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Events.ReadJsonAsync(response);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.StartsWith("This client application is not allowed to use the specified scope", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_access_token_is_refused_on_the_next_call()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);
        using var channel = server.Factory.WithBearer(token, purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);

        using var anonymous = server.Factory.CreateClient();
        var revoke = await anonymous.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
            ["token_type_hint"] = "access_token",
        }), Cancellation);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var after = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Introspection_reports_an_active_token_with_its_client()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);

        var introspection = await IntrospectAsync(clientId, secret, token);

        Assert.True(introspection.GetProperty("active").GetBoolean(), introspection.GetRawText());
        Assert.Equal((clientId, clientId, "access_token"),
            (introspection.GetProperty("client_id").GetString(), introspection.GetProperty("sub").GetString(), introspection.GetProperty("token_usage").GetString()));
        // The caller is the token's presenter, not an audience: OpenIddict leaves the token's other claims (the binding) out.
        Assert.False(introspection.TryGetProperty("cem_region", out _));
        Assert.True(introspection.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Introspection_reports_a_revoked_token_as_inactive_and_the_next_call_is_a_401()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);
        Assert.True((await IntrospectAsync(clientId, secret, token)).GetProperty("active").GetBoolean());

        using var anonymous = server.Factory.CreateClient();
        var revoke = await anonymous.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
        }), Cancellation);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var introspection = await IntrospectAsync(clientId, secret, token);
        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.False(introspection.TryGetProperty("client_id", out _));
        using var channel = server.Factory.WithBearer(token, purpose: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);

        using var anonymous = server.Factory.CreateClient();
        var response = await anonymous.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = "not-the-secret",
            ["token"] = token,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await Events.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    private async Task<JsonElement> IntrospectAsync(string clientId, string secret, string token)
    {
        using var anonymous = server.Factory.CreateClient();
        var response = await anonymous.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
            ["token_type_hint"] = "access_token",
        }), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Events.ReadJsonAsync(response);
    }

    [Fact]
    public async Task Revoked_client_is_refused_on_the_next_call_and_gets_no_new_token()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        using var channel = server.Factory.WithBearer(await server.Factory.ClientTokenAsync(clientId, secret), purpose: null);

        await using (var scope = server.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientAdministration>().RevokeAsync(clientId, Cancellation);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Factory.RequestClientTokenAsync(clientId, secret)).StatusCode);
    }

    [Fact]
    public async Task Rotated_secret_replaces_the_old_one()
    {
        var (clientId, old) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);

        string rotated;
        await using (var scope = server.Factory.Services.CreateAsyncScope())
        {
            rotated = await scope.ServiceProvider.GetRequiredService<ClientAdministration>().RotateSecretAsync(clientId, Cancellation);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Factory.RequestClientTokenAsync(clientId, old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Factory.RequestClientTokenAsync(clientId, rotated)).StatusCode);
    }

    [Fact]
    public async Task Disabled_user_is_refused_on_the_next_call()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions);
        using var analyst = server.Factory.WithBearer(await server.Factory.UserTokenAsync(user), purpose: null);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/org-units", Cancellation)).StatusCode);

        await using (var scope = server.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(user.Name, Cancellation);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/org-units", Cancellation)).StatusCode);
        using var flow = new CodeFlow(server.Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.SubmitLoginAsync(user.Name, user.Password, null)).StatusCode);
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_working_access_token()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions);
        using var flow = new CodeFlow(server.Factory);
        var tokens = await flow.SignInAsync(user.Name, user.Password, null);

        using var anonymous = server.Factory.CreateClient();
        var refreshed = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
            ["client_id"] = CodeFlow.ClientId,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var access = (await Events.ReadJsonAsync(refreshed)).GetProperty("access_token").GetString()!;
        Assert.NotEqual(tokens.GetProperty("access_token").GetString(), access);
        using var analyst = server.Factory.WithBearer(access, purpose: null);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/org-units", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Garbage_bearer_token_is_a_401_problem()
    {
        using var caller = server.Factory.WithBearer("not-a-token", purpose: null);

        var response = await caller.GetAsync("/api/v1/org-units", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemTypes.Unauthenticated, (await Events.ReadJsonAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Discovery_is_anonymous_and_names_the_endpoints()
    {
        using var anonymous = server.Factory.CreateClient();

        var discovery = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Cancellation);

        foreach (var (name, path) in new[] { ("token_endpoint", "/connect/token"), ("authorization_endpoint", "/connect/authorize"),
            ("introspection_endpoint", "/connect/introspect"), ("revocation_endpoint", "/connect/revoke"), ("end_session_endpoint", "/connect/logout") })
        {
            Assert.EndsWith(path, discovery.GetProperty(name).GetString(), StringComparison.Ordinal);
        }

        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }
}
