using System.Net;
using CemOnPrem.Identity.Validation;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// A valid token that cannot be checked because the control database broke the connection (a restart, a
/// failover) is answered 503 + Retry-After: the channel retries instead of throwing its token away.
/// </summary>
public sealed class ControlDatabaseFailureTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Broken_control_database_connections_never_turn_a_valid_token_into_a_401()
    {
        // Every call validated in full, so every call reads the token entry through the broken connections.
        server.Factory.Services.GetRequiredService<ValidatedTokenCache>().Lifetime = TimeSpan.Zero;
        var events = new Events();
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var channel = server.Factory.WithBearer(await server.Factory.ClientTokenAsync(clientId, secret), purpose: null);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), TestContext.Current.CancellationToken)).StatusCode);
        }

        await using (var admin = new NpgsqlConnection(server.Databases.Control))
        {
            await admin.OpenAsync(TestContext.Current.CancellationToken);
            await using var kill = new NpgsqlCommand("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.Accepted, statuses[^1]);
    }
}
