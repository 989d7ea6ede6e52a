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
        // A restarted node keeps its data folder (certificates, and the key folder its data keys are wrapped with).
        var dataDirectory = Directory.CreateTempSubdirectory("cem-restart-").FullName;
        var events = new Events();
        string customerId;
        await using (var before = new CemServerFactory(databases, dataDirectory: dataDirectory))
        {
            using var client = await before.CreateTrustedClientAsync();
            var receipt = await Events.ReadJsonAsync(await client.PostAsync("/api/v1/events", Events.Json(events.Feedback(nps: 2)), Cancellation));
            customerId = receipt.GetProperty("customerId").GetString()!;
            await client.PostAsync("/api/v1/events", Events.Json(events.Feedback(nps: 10)), Cancellation);
        }

        await using var after = new CemServerFactory(databases, dataDirectory: dataDirectory);
        using var again = await after.CreateTrustedClientAsync();
        var response = await again.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Events.ReadJsonAsync(response);
        Assert.Equal(2, view.GetProperty("eventCount").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/readyz", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_node_started_with_other_keys_than_its_data_refuses_to_start()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        await using (var before = new CemServerFactory(databases))
        {
            using var client = await before.CreateTrustedClientAsync();
            (await client.PostAsync("/api/v1/events", Events.Json(new Events().Feedback()), Cancellation)).EnsureSuccessStatusCode();
        }

        // A fresh data folder: an empty key folder, whose new KEK would not unwrap the stored data keys.
        await using var after = new CemServerFactory(databases);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => after.CreateTrustedClientAsync());

        Assert.Contains("Point Cem:Privacy:KeyDirectory", failure.ToString(), StringComparison.Ordinal);
    }
}
