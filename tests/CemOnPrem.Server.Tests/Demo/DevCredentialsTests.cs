using System.Net;
using System.Text.Json;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Demo;

/// <summary><c>./cem run</c>'s demo credentials: written once (mode 600), and they work through the real paths.</summary>
public sealed class DevCredentialsTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_admin_and_ingest_client_work_and_survive_a_restart_unchanged()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        var settings = new Dictionary<string, string?> { ["Cem:Identity:CreateDevCredentials"] = "true" };
        var data = Directory.CreateTempSubdirectory("cem-dev-credentials-").FullName;
        var path = Path.Combine(data, "dev-credentials.json");
        string first;
        await using (var server = new CemServerFactory(databases, settings, data))
        {
            _ = server.Services;
            first = await File.ReadAllTextAsync(path, Cancellation);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var credentials = JsonDocument.Parse(first).RootElement;

            var client = credentials.GetProperty("ingestClient");
            using var channel = server.WithBearer(await server.ClientTokenAsync(client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!), purpose: null);
            var e = new Events().Feedback(region: ServerDatabases.Cn);
            e["orgUnit"] = "cn-sh-branch-01";
            Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(e), Cancellation)).StatusCode);

            var admin = credentials.GetProperty("admin");
            var user = new TestUser(admin.GetProperty("userName").GetString()!, admin.GetProperty("password").GetString()!, admin.GetProperty("totpSecret").GetString());
            using var caller = server.WithBearer(await server.UserTokenAsync(user), purpose: null);
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/v1/packs", Cancellation)).StatusCode);
        }

        // A restart with the same data folder keeps the credentials.
        await using (var again = new CemServerFactory(databases, settings, data))
        {
            _ = again.Services;
            Assert.Equal(first, await File.ReadAllTextAsync(path, Cancellation));
        }

        Directory.Delete(data, recursive: true);
    }
}
