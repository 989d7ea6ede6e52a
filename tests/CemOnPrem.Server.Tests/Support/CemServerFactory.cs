using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>
/// The real server (Program) in-process: real PostgreSQL, a real Orleans silo on free loopback
/// ports, small ingest limits so the limit tests stay small. Every API call needs a token: see <see cref="Callers"/>.
/// </summary>
public sealed class CemServerFactory(ServerDatabases databases, IReadOnlyDictionary<string, string?>? overrides = null, string? dataDirectory = null)
    : WebApplicationFactory<Program>
{
    public const int MaxEventBytes = 4096;
    public const int MaxBatchBytes = 64 * 1024;
    public const int MaxBatchCount = 50;

    public ServerDatabases Databases { get; } = databases;

    /// <summary>The server's data folder (generated certificates, dev credentials): its own temp folder unless one is given.</summary>
    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("cem-server-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Cem:ControlDatabase:ConnectionString"] = Databases.Control,
            ["Cem:Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            // PostgreSQL membership (the default) on loopback only.
            ["Cem:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cem:Cluster:SiloPort"] = FreePort(),
            ["Cem:Cluster:GatewayPort"] = FreePort(),
            ["Cem:Logging:File"] = "",
            ["Cem:Ingest:MaxEventBytes"] = MaxEventBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cem:Ingest:MaxBatchBytes"] = MaxBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cem:Ingest:MaxBatchCount"] = MaxBatchCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Identity on plain-HTTP loopback with certificates generated into this server's own data folder.
            ["Cem:DataDirectory"] = DataDirectory,
            ["Cem:Identity:AllowPlainHttp"] = "true",
            ["Cem:Identity:GenerateCertificates"] = "true",
            ["Cem:Identity:AccessTokenSeconds"] = "900",
            ["Cem:Identity:AdminUiRedirectUris:0"] = CodeFlow.RedirectUri,
        };
        // Every test request comes from one address: sign-in rate limits out of the way (RateLimitTests sets low ones).
        foreach (var limit in new[] { "TokenPerSource", "TokenPerClient", "LoginPerSource", "LoginPerUser" })
        {
            settings[$"Cem:Identity:RateLimits:{limit}:PermitLimit"] = "100000";
            settings[$"Cem:Identity:RateLimits:{limit}:WindowSeconds"] = "60";
        }

        foreach (var (region, connectionString) in Databases.Regions)
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

        // After the app's own hosted services, so the databases are migrated by then.
        builder.ConfigureTestServices(services =>
        {
            services.AddHostedService<TestOrgUnits>();
            services.AddTransient<IStartupFilter, TestSourceAddress>();
        });
    }

    /// <summary>The test org tree (<see cref="Callers.TestTree"/>, with <see cref="Events.OrgUnit"/>): ingest refuses unknown codes.</summary>
    private sealed class TestOrgUnits(OrgUnitStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.UpsertAsync(Callers.TestTree, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The header a test sets to appear to come from another address (the in-memory test server has none).</summary>
    public const string SourceHeader = "X-Test-Source-Address";

    /// <summary>First in the pipeline: <see cref="SourceHeader"/> becomes the connection's remote address.</summary>
    private sealed class TestSourceAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(http.Request.Headers[SourceHeader].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (dataDirectory is not null)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }

    // Below the ephemeral range, so a client connection cannot take it before the silo binds (LoopbackPorts).
    private static string FreePort() =>
        CemOnPrem.Testing.Postgres.LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
