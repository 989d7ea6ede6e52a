using System.Globalization;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.OrgUnits;
using CemOnPrem.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Browser.Tests.Support;

/// <summary>
/// The real server (Program) for a browser: real PostgreSQL, a real Orleans silo on free loopback ports, plain HTTP on
/// loopback. Only what the respondent page needs; the API tests' factory (with callers and tokens) lives in
/// CemOnPrem.Server.Tests.
/// </summary>
internal sealed class BrowserServerFactory(ServerDatabases databases, IReadOnlyDictionary<string, string?> overrides) : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("cem-browser-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Cem:ControlDatabase:ConnectionString"] = databases.Control,
            ["Cem:Cluster:ClusterId"] = "browser-" + Guid.NewGuid().ToString("N")[..8],
            ["Cem:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cem:Cluster:SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["Cem:Cluster:GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["Cem:Logging:File"] = "",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Cem:DataDirectory"] = _data,
            ["Cem:Identity:AllowPlainHttp"] = "true",
            ["Cem:Identity:GenerateCertificates"] = "true",
        };
        foreach (var (region, connectionString) in databases.Regions)
        {
            settings[$"Cem:Regions:{region}:ConnectionString"] = connectionString;
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // The org unit the test invitations name (ingest of the finished response refuses unknown codes).
        builder.ConfigureTestServices(services => services.AddHostedService<OrgUnits>());
    }

    private sealed class OrgUnits(OrgUnitStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            store.UpsertAsync([new("hq", "Head office", "hq", null), new("branch-01", "Branch 1", "branch", "hq")], cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }
}
