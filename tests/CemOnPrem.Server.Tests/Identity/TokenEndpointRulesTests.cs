using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// Token rules, sent as an OAuth client library sends them (form posts, Basic or form client authentication):
/// introspection and revocation of the caller's own tokens only, PKCE S256 only, no parameters in the query string
/// of the back-channel endpoints, no access token from the query string or a form body.
/// </summary>
public sealed class TokenEndpointRulesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Fact]
    public async Task Channel_client_cannot_introspect_a_persons_or_another_clients_token()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var (otherId, otherSecret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var person = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions));
        var others = await server.Factory.ClientTokenAsync(otherId, otherSecret);

        foreach (var token in new[] { person, others })
        {
            foreach (var basic in new[] { false, true })
            {
                var answer = await IntrospectAsync(clientId, secret, token, basic);

                // RFC 7662 §2.2: active false and nothing else (no subject, client or expiry).
                Assert.Equal(["active"], answer.EnumerateObject().Select(property => property.Name));
                Assert.False(answer.GetProperty("active").GetBoolean());
            }
        }

        Assert.True((await IntrospectAsync(otherId, otherSecret, others, basic: false)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Channel_client_cannot_revoke_a_persons_or_another_clients_token()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var (otherId, otherSecret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var person = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions));
        var others = await server.Factory.ClientTokenAsync(otherId, otherSecret);

        foreach (var token in new[] { person, others })
        {
            // RFC 7009 §2.2: answered like a token that does not exist (200, nothing revoked), so nothing is learned.
            Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(clientId, secret, token)).StatusCode);
        }

        using var analyst = server.Factory.WithBearer(person, purpose: null);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/org-units", Cancellation)).StatusCode);
        using var channel = server.Factory.WithBearer(others, purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);
        Assert.True((await IntrospectAsync(otherId, otherSecret, others, basic: false)).GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    public async Task Authorization_request_with_a_pkce_method_other_than_S256_is_refused(string? method)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = CodeFlow.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = CodeFlow.RedirectUri,
            ["scope"] = CodeFlow.Scopes,
            ["state"] = "s1",
            ["code_challenge"] = "a-plain-verifier-that-is-long-enough-to-be-accepted-0123456789",
        };
        if (method is not null)
        {
            query["code_challenge_method"] = method;
        }

        using var browser = server.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge_method", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_advertises_S256_alone()
    {
        using var anonymous = server.Factory.CreateClient();

        var discovery = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Cancellation);

        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("/connect/introspect")]
    [InlineData("/connect/revoke")]
    [InlineData("/connect/token")]
    public async Task Parameters_in_the_query_string_are_refused(string path)
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);
        var all = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
            ["grant_type"] = "client_credentials",
            ["scope"] = CemScopes.Ingest,
        };
        using var http = server.Factory.CreateClient();

        var get = await http.GetAsync(QueryHelpers.AddQueryString(path, all), Cancellation);
        // The secret in the query, the rest in the form.
        var mixed = await http.PostAsync(QueryHelpers.AddQueryString(path, "client_secret", secret),
            new FormUrlEncodedContent(all.Where(p => p.Key != "client_secret").ToDictionary(p => p.Key, p => p.Value!)), Cancellation);
        // Everything in the query, an empty form.
        var queryOnly = await http.PostAsync(QueryHelpers.AddQueryString(path, all), new FormUrlEncodedContent([]), Cancellation);

        foreach (var response in new[] { get, mixed, queryOnly })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request", (await Events.ReadJsonAsync(response)).GetProperty("error").GetString());
        }

        Assert.True((await IntrospectAsync(clientId, secret, token, basic: false)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Access_token_is_accepted_from_the_authorization_header_only()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);
        using var anonymous = server.Factory.CreateClient();

        var inQuery = await anonymous.PostAsync("/api/v1/events?access_token=" + Uri.EscapeDataString(token), Events.Json(_events.Feedback()), Cancellation);
        var inQueryGet = await anonymous.GetAsync("/api/v1/org-units?access_token=" + Uri.EscapeDataString(token), Cancellation);
        var inForm = await anonymous.PostAsync("/api/v1/events", new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token }), Cancellation);

        foreach (var response in new[] { inQuery, inQueryGet, inForm })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var channel = server.Factory.WithBearer(token, purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation)).StatusCode);
    }

    /// <param name="basic">client_secret_basic (the Authorization header) instead of client_secret_post.</param>
    private async Task<JsonElement> IntrospectAsync(string clientId, string secret, string token, bool basic)
    {
        using var http = server.Factory.CreateClient();
        var form = new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" };
        if (basic)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret))));
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }

        var response = await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(form), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Events.ReadJsonAsync(response);
    }

    private async Task<HttpResponseMessage> RevokeAsync(string clientId, string secret, string token)
    {
        using var http = server.Factory.CreateClient();
        return await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
        }), Cancellation);
    }
}
