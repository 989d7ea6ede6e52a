using System.Globalization;
using CemOnPrem.Cases.Notifications;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>
/// The notifications module as a node hosts it (AddCaseNotifications with its background worker), stopped with
/// deliveries pending and started again on the same databases: nothing is lost.
/// </summary>
public sealed class NotificationsRestartTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "restart-receiver-secret-0123456789abcdef";

    [Fact]
    public async Task Deliveries_pending_when_a_node_stops_are_all_delivered_by_the_next_start()
    {
        var keys = Directory.CreateTempSubdirectory("cem-dp-keys-");
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.DefaultStatus = 503;
        await using var seeding = new NotificationsHarness(databases);
        var cases = new List<string>();
        using (var before = StartNode(keys.FullName))
        {
            await before.StartAsync(TestContext.Current.CancellationToken);
            await before.Services.GetRequiredService<WebhookSubscriptions>().CreateAsync(
                new ValidWebhook("restart", receiver.Url, [], [Region], Secret, false), "admin-test", TestContext.Current.CancellationToken);
            for (var i = 0; i < 5; i++)
            {
                cases.Add(await seeding.OpenCaseAsync(Region));
            }

            await WaitAsync(async () => (await AllRowsAsync(seeding, cases)).Count == 5 && receiver.Calls.Count >= 5);
            await before.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.All(await AllRowsAsync(seeding, cases), r => Assert.Equal("pending", r.State));
        receiver.DefaultStatus = 200;
        using (var after = StartNode(keys.FullName))
        {
            await after.StartAsync(TestContext.Current.CancellationToken);
            await WaitAsync(async () => (await AllRowsAsync(seeding, cases)).All(r => r.State == "delivered"));
            await after.StopAsync(TestContext.Current.CancellationToken);
        }

        var delivered = receiver.Calls.Where(c => c.Status == 200).ToList();
        Assert.Equal(cases.Order(StringComparer.Ordinal), cases.Where(id => delivered.Any(c => c.Body.Contains(id, StringComparison.Ordinal))).Order(StringComparer.Ordinal));
        Assert.All(receiver.Calls, c => Assert.True(c.Verified));
        keys.Delete(recursive: true);
    }

    private IHost StartNode(string keyDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cem:Cases:Notifications:AllowHttp"] = "true",
            ["Cem:Cases:Notifications:PollSeconds"] = "0.1",
            ["Cem:Cases:Notifications:RetryBaseSeconds"] = "0.2",
            ["Cem:Cases:Notifications:RetryMaxSeconds"] = "0.5",
            ["Cem:Cases:Notifications:MaxAttempts"] = "100",
            ["Cem:Cases:Notifications:TimeoutSeconds"] = "2",
            // a delivery cut off by the stop keeps its lease this long
            ["Cem:Cases:Notifications:LeaseSeconds"] = "4",
        });
        var cem = new CemOptions();
        foreach (var (region, connectionString) in databases.RegionConnectionStrings)
        {
            cem.Regions[region] = new DatabaseOptions { ConnectionString = connectionString };
        }

        builder.Services.AddSingleton(Options.Create(cem));
        builder.Services.AddSingleton<NodeRegions>();
        builder.Services.AddSingleton(new ControlDatabase(databases.ControlConnectionString));
        builder.Services.AddSingleton(new RegionDatabases(databases.RegionConnectionStrings));
        // A node's protection keys outlive it (in production in the control database, through the identity module).
        builder.Services.AddDataProtection().SetApplicationName("CemOnPrem").PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
        builder.AddCaseNotifications();
        return builder.Build();
    }

    private static async Task<IReadOnlyList<OutboxRowView>> AllRowsAsync(NotificationsHarness harness, IEnumerable<string> cases)
    {
        var rows = new List<OutboxRowView>();
        foreach (var caseId in cases)
        {
            rows.AddRange(await harness.OutboxAsync(Region, caseId));
        }

        return rows;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out at " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
