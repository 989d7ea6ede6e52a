using System.Net;
using System.Security.Cryptography;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>Nodes with different admin UI redirect URIs share one client row: a start adds its URIs, never replaces them.</summary>
public sealed class AdminUiRedirectUrisTests(PostgresServer postgres)
{
    private const string NodeOne = "http://node1.example/signin-callback";
    private const string NodeTwo = "http://node2.example/signin-callback";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Second_node_with_other_redirect_uris_keeps_the_first_nodes_working()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        await using (var first = new CemServerFactory(databases, new Dictionary<string, string?> { ["Cem:Identity:AdminUiRedirectUris:0"] = NodeOne }))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AuthorizeAsync(first, NodeOne)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await AuthorizeAsync(first, NodeTwo)).StatusCode);
        }

        await using var second = new CemServerFactory(databases, new Dictionary<string, string?> { ["Cem:Identity:AdminUiRedirectUris:0"] = NodeTwo });

        Assert.Equal(HttpStatusCode.Redirect, (await AuthorizeAsync(second, NodeTwo)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AuthorizeAsync(second, NodeOne)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AuthorizeAsync(second, "http://elsewhere.example/signin-callback")).StatusCode);
    }

    /// <returns>A redirect to the login page when the redirect URI is registered; 400 when it is not.</returns>
    private static async Task<HttpResponseMessage> AuthorizeAsync(CemServerFactory server, string redirectUri)
    {
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = CodeFlow.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = CodeFlow.Scopes,
            ["state"] = "s1",
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        }), Cancellation);
    }
}
