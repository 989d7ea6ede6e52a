using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using Duende.IdentityModel.Client;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// The token endpoint rules as an integrator meets them through an independent OAuth 2.0 client library
/// (Duende.IdentityModel): a channel acts on its own tokens only, and client authentication works as the library sends
/// it (Basic header by default, form body when asked).
/// </summary>
public sealed class OAuthClientLibraryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task Introspection_through_a_client_library_answers_only_for_the_callers_own_tokens(ClientCredentialStyle style)
    {
        using var http = server.Factory.CreateClient();
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var (otherId, otherSecret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var own = await TokenAsync(http, clientId, secret, style);
        var others = await TokenAsync(http, otherId, otherSecret, style);
        var person = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions));

        var ownAnswer = await IntrospectAsync(http, clientId, secret, own, style);
        Assert.True(ownAnswer.IsActive);
        Assert.Equal(clientId, ownAnswer.Claims.Single(claim => claim.Type == "client_id").Value);

        foreach (var foreign in new[] { others, person })
        {
            var answer = await IntrospectAsync(http, clientId, secret, foreign, style);
            Assert.False(answer.IsError, answer.Error);
            Assert.False(answer.IsActive);
            Assert.DoesNotContain(answer.Claims, claim => claim.Type is "sub" or "client_id" or "exp");
        }
    }

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task Revocation_through_a_client_library_revokes_only_the_callers_own_tokens(ClientCredentialStyle style)
    {
        using var http = server.Factory.CreateClient();
        var (clientId, secret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var (otherId, otherSecret) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);
        var own = await TokenAsync(http, clientId, secret, style);
        var others = await TokenAsync(http, otherId, otherSecret, style);

        var refused = await RevokeAsync(http, clientId, secret, others, style);
        Assert.False(refused.IsError, refused.Error);
        Assert.Equal(HttpStatusCode.Accepted, await IngestStatusAsync(others));

        var revoked = await RevokeAsync(http, clientId, secret, own, style);
        Assert.False(revoked.IsError, revoked.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await IngestStatusAsync(own));
    }

    [Fact]
    public async Task Client_library_gets_no_token_with_a_wrong_secret()
    {
        using var http = server.Factory.CreateClient();
        var (clientId, _) = await server.Factory.AddIngestClientAsync(BothRegions, ["hq"]);

        var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token", ClientId = clientId, ClientSecret = "not-the-secret", Scope = CemScopes.Ingest,
        }, Cancellation);

        // RFC 6749 §5.2: 401 with the error in the body; the library reports the HTTP status and keeps the body.
        Assert.True(response.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, response.HttpStatusCode);
        Assert.Contains("\"invalid_client\"", response.Raw, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret, ClientCredentialStyle style)
    {
        var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token", ClientId = clientId, ClientSecret = secret, ClientCredentialStyle = style, Scope = CemScopes.Ingest,
        }, Cancellation);
        Assert.False(response.IsError, response.Error);
        return response.AccessToken!;
    }

    private static Task<TokenIntrospectionResponse> IntrospectAsync(HttpClient http, string clientId, string secret, string token, ClientCredentialStyle style) =>
        http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = "/connect/introspect", ClientId = clientId, ClientSecret = secret, ClientCredentialStyle = style, Token = token,
        }, Cancellation);

    private static Task<TokenRevocationResponse> RevokeAsync(HttpClient http, string clientId, string secret, string token, ClientCredentialStyle style) =>
        http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = "/connect/revoke", ClientId = clientId, ClientSecret = secret, ClientCredentialStyle = style, Token = token,
        }, Cancellation);

    private async Task<HttpStatusCode> IngestStatusAsync(string token)
    {
        using var channel = server.Factory.WithBearer(token, purpose: null);
        using var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation);
        return response.StatusCode;
    }
}
