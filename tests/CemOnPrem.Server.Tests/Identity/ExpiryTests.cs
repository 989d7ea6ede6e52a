using System.Net;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>An access token stops working when its (configured, short) lifetime ends.</summary>
public sealed class ExpiryTests(PostgresServer postgres)
{
    private const int LifetimeSeconds = 8;

    [Fact]
    public async Task Expired_access_token_is_refused_on_the_next_call()
    {
        await using var factory = new CemServerFactory(await ServerDatabases.CreateAsync(postgres),
            new Dictionary<string, string?> { ["Cem:Identity:AccessTokenSeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await factory.EnsureTestTreeAsync();
        var (clientId, secret) = await factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var channel = factory.WithBearer(await factory.ClientTokenAsync(clientId, secret), purpose: null);
        // Taken after the answer: the token was issued before this instant, so it has expired by received + lifetime.
        var received = DateTimeOffset.UtcNow;
        var events = new Events();
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), TestContext.Current.CancellationToken)).StatusCode);

        var wait = received.AddSeconds(LifetimeSeconds + 2) - DateTimeOffset.UtcNow;
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), TestContext.Current.CancellationToken)).StatusCode);
    }
}
