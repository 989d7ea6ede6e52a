using System.Net;
using CemOnPrem.Identity.Validation;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// API requests skip the OpenIddict protocol handlers (ApiAuthenticationMiddleware); OpenIddict's validation still runs
/// whenever the token cache cannot answer: a first use of a token, no token, a token that is not one of ours.
/// </summary>
public sealed class ApiAuthenticationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_new_to_this_node_is_validated_in_full_then_answered_from_the_cache()
    {
        var cache = server.Factory.Services.GetRequiredService<ValidatedTokenCache>();
        var events = new Events();
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        var token = await server.Factory.ClientTokenAsync(clientId, secret);
        Assert.False(cache.TryGet(token, out _));
        using var channel = server.Factory.WithBearer(token, purpose: null);

        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), Cancellation)).StatusCode);
        Assert.True(cache.TryGet(token, out _));
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token-of-this-server")]
    public async Task Without_a_valid_token_an_api_call_is_challenged_as_before(string? token)
    {
        using var channel = token is null ? server.Factory.CreateClient() : server.Factory.WithBearer(token, purpose: null);

        var response = await channel.PostAsync("/api/v1/events", Events.Json(new Events().Feedback()), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Protocol_endpoints_outside_the_api_are_still_served_by_openiddict()
    {
        using var anonymous = server.Factory.CreateClient();

        var discovery = await anonymous.GetAsync("/.well-known/openid-configuration", Cancellation);

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Contains("token_endpoint", await discovery.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }
}
