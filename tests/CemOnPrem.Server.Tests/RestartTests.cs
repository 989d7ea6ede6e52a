using System.Net;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests;

public sealed class RestartTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Data_acknowledged_before_a_restart_is_there_after_it()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        var events = new Events();
        string customerId;
        await using (var before = new CemServerFactory(databases))
        {
            using var client = await before.CreateTrustedClientAsync();
            var receipt = await Events.ReadJsonAsync(await client.PostAsync("/api/v1/events", Events.Json(events.Feedback(nps: 2)), Cancellation));
            customerId = receipt.GetProperty("customerId").GetString()!;
            await client.PostAsync("/api/v1/events", Events.Json(events.Feedback(nps: 10)), Cancellation);
        }

        await using var after = new CemServerFactory(databases);
        using var again = await after.CreateTrustedClientAsync();
        var response = await again.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Events.ReadJsonAsync(response);
        Assert.Equal(2, view.GetProperty("eventCount").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/readyz", Cancellation)).StatusCode);
    }
}
