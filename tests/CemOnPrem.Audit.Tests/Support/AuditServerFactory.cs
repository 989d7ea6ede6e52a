using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>The real server in-process on the throwaway PostgreSQL, with the test authentication scheme as default.</summary>
public sealed class AuditServerFactory(string control, IReadOnlyDictionary<string, string> regions, string dataDirectory,
    IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    public string ControlConnectionString { get; } = control;

    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Cem:ControlDatabase:ConnectionString"] = ControlConnectionString,
            ["Cem:DataDirectory"] = DataDirectory,
            ["Cem:Cluster:ClusterId"] = "audit-" + Guid.NewGuid().ToString("N")[..8],
            ["Cem:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cem:Cluster:SiloPort"] = FreePort(),
            ["Cem:Cluster:GatewayPort"] = FreePort(),
            ["Cem:Logging:File"] = "",
            // Checkpoints every second, so tests see them without waiting a minute.
            ["Cem:Audit:CheckpointIntervalSeconds"] = "1",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Identity must start (plain-HTTP loopback, generated certificates); callers authenticate with TestAuthHandler.
            ["Cem:Identity:AllowPlainHttp"] = "true",
            ["Cem:Identity:GenerateCertificates"] = "true",
        };
        foreach (var (region, connectionString) in regions)
        {
            settings[$"Cem:Regions:{region}:ConnectionString"] = connectionString;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(TestAuthHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            services.AddHostedService<TestOrgTree>();
        });
    }

    public const string TestRootOrgUnit = "hq";

    /// <summary>The org units test events name (ingest refuses unknown codes; customer reads need the customer in scope).</summary>
    private sealed class TestOrgTree(CemOnPrem.Storage.OrgUnits.OrgUnitStore store) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.UpsertAsync(
            [new(TestRootOrgUnit, "Head office", "hq", null), new(TestEvents.OrgUnit, "Branch 1", "branch", TestRootOrgUnit)], cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // Below the ephemeral range, so a client connection cannot take it before the silo binds (LoopbackPorts).
    private static string FreePort() =>
        CemOnPrem.Testing.Postgres.LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
