using CemOnPrem.Contracts.Problems;
using System.Net;
using CemOnPrem.Identity.Throttling;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>The sign-in endpoints' rate limits (low ones here): 429 problem+json with Retry-After, per partition.</summary>
public sealed class RateLimitTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_and_login_endpoints_answer_429_per_client_source_and_user_name()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cem:Identity:RateLimits:TokenPerClient:PermitLimit"] = "3",
            ["Cem:Identity:RateLimits:TokenPerSource:PermitLimit"] = "6",
            ["Cem:Identity:RateLimits:LoginPerSource:PermitLimit"] = "4",
            ["Cem:Identity:RateLimits:LoginPerUser:PermitLimit"] = "3",
        };
        await using var server = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), settings);

        // Per client from one address; the client's owner, elsewhere, is not locked out by it.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(server, "guessed-client", "192.0.2.1")).StatusCode);
        }

        await AssertTooManyAsync(await TokenAsync(server, "guessed-client", "192.0.2.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(server, "guessed-client", "192.0.2.9")).StatusCode);

        // Per source: many client_ids from one address (also for introspection and revocation, which check secrets too).
        for (var i = 0; i < 6; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await TokenAsync(server, $"client-{i}", "198.51.100.1", i % 2 == 0 ? "/connect/token" : "/connect/introspect")).StatusCode);
        }

        await AssertTooManyAsync(await TokenAsync(server, "client-x", "198.51.100.1", "/connect/revoke"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(server, "client-y", "198.51.100.2")).StatusCode);

        // Login per source: different user names from one address.
        using (var browser = new CodeFlow(server, "203.0.113.1"))
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SubmitLoginAsync($"someone-{i}", "Wrong-Passw0rd-x", null)).StatusCode);
            }

            await AssertTooManyAsync(await browser.SubmitLoginAsync("someone-else", "Wrong-Passw0rd-x", null));
        }

        // Login per user name from one address (the name in any case); the same name from elsewhere still gets through.
        using (var guesser = new CodeFlow(server, "203.0.113.10"))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SubmitLoginAsync(i % 2 == 0 ? "Target-Admin" : " target-admin", "Wrong-Passw0rd-x", null)).StatusCode);
            }

            await AssertTooManyAsync(await guesser.SubmitLoginAsync("TARGET-ADMIN", "Wrong-Passw0rd-x", null));
        }

        using var owner = new CodeFlow(server, "203.0.113.50");
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.SubmitLoginAsync("target-admin", "Wrong-Passw0rd-x", null)).StatusCode);
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("192.0.2.1", "::ffff:192.0.2.1", true)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    public void Sources_are_counted_per_IPv4_address_and_per_IPv6_64_network(string first, string second, bool same) =>
        Assert.Equal(same, SourceAddress.KeyOf(IPAddress.Parse(first)) == SourceAddress.KeyOf(IPAddress.Parse(second)));

    [Fact]
    public async Task Behind_a_trusted_proxy_each_caller_has_its_own_source_budget_and_an_untrusted_peer_cannot_pick_one()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cem:Identity:RateLimits:TokenPerSource:PermitLimit"] = "2",
            ["Cem:Network:TrustedProxies:0"] = "10.20.0.0/16",
            ["Cem:Network:TrustedProxies:1"] = "192.0.2.77",
        };
        await using var server = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), settings);

        // Two callers behind the proxies (a chain of two trusted hops): each its own budget, not the proxy's.
        foreach (var caller in new[] { "198.51.100.10", "198.51.100.11" })
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(server, $"c-{caller}-{i}", "10.20.3.4", forwardedFor: $"{caller}, 192.0.2.77")).StatusCode);
            }

            await AssertTooManyAsync(await TokenAsync(server, $"c-{caller}-x", "10.20.3.4", forwardedFor: $"{caller}, 192.0.2.77"));
        }

        // A peer that is no proxy sends its own X-Forwarded-For: ignored, its budget is its own address's.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(server, $"d-{i}", "203.0.113.5", forwardedFor: $"198.51.100.{100 + i}")).StatusCode);
        }

        await AssertTooManyAsync(await TokenAsync(server, "d-x", "203.0.113.5", forwardedFor: "198.51.100.200"));
    }

    private static async Task<HttpResponseMessage> TokenAsync(CemServerFactory server, string clientId, string source, string path = "/connect/token", string? forwardedFor = null)
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Add(CemServerFactory.SourceHeader, source);
        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        var form = new Dictionary<string, string> { ["client_id"] = clientId, ["client_secret"] = "not-the-secret" };
        if (path == "/connect/token")
        {
            form["grant_type"] = "client_credentials";
        }
        else
        {
            form["token"] = "some-token";
        }

        return await http.PostAsync(path, new FormUrlEncodedContent(form), Cancellation);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.ToString());
        Assert.Contains(ProblemTypes.TooManyRequests, await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }
}
