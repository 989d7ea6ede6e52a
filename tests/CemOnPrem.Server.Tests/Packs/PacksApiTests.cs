using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Server.Hosting;
using CemOnPrem.Server.Packs;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Tests.Packs;

/// <summary>The packs API on the real server: a packs directory with a good, a tampered and an SDK-incompatible pack.</summary>
public sealed class PacksApiTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Publisher = "acme";
    private readonly ECDsa _key = PublisherKeys.Generate();
    private readonly string _packs = Directory.CreateTempSubdirectory("cem-api-packs-").FullName;
    private ServerDatabases _databases = null!;
    private CemServerFactory _server = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        AddPack("good", "com.acme.good", "[0.1.0,0.2.0)");
        AddPack("tampered", "com.acme.tampered", "[0.1.0,0.2.0)");
        File.AppendAllText(Path.Combine(_packs, "tampered", "journeys", "visit.json"), " ");
        AddPack("future", "com.acme.future", "[1.0.0,2.0.0)");
        _databases = await ServerDatabases.CreateAsync(postgres);
        (_server, _client) = await StartAsync();
    }

    [Fact]
    public async Task List_shows_every_pack_with_status_signature_and_contributions()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/v1/packs", Cancellation);

        var packs = body.GetProperty("packs").EnumerateArray().ToDictionary(pack => pack.GetProperty("id").GetString()!);
        Assert.Equal(["com.acme.future", "com.acme.good", "com.acme.tampered"], packs.Keys.Order(StringComparer.Ordinal));
        var good = packs["com.acme.good"];
        Assert.Equal("loaded", good.GetProperty("status").GetString());
        Assert.Equal("1.2.3", good.GetProperty("version").GetString());
        Assert.Equal(Publisher, good.GetProperty("publisher").GetString());
        Assert.Equal("verified", good.GetProperty("signature").GetProperty("state").GetString());
        Assert.Equal(PublisherKeys.KeyId(_key), good.GetProperty("signature").GetProperty("keyId").GetString());
        Assert.Equal("visit", good.GetProperty("contributes").GetProperty("journeys")[0].GetString());
        Assert.True(good.GetProperty("active").GetBoolean());
        var tampered = packs["com.acme.tampered"];
        Assert.Equal(("refused", "invalid"), (tampered.GetProperty("status").GetString(), tampered.GetProperty("signature").GetProperty("state").GetString()));
        Assert.Equal("signature: file changed: journeys/visit.json", tampered.GetProperty("statusReason").GetString());
        Assert.Equal("SDK range mismatch: the pack needs SDK [1.0.0,2.0.0) but this host has SDK 0.1.0",
            packs["com.acme.future"].GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task Unknown_pack_is_404_problem()
    {
        foreach (var response in new[]
        {
            await _client.GetAsync("/api/v1/packs/com.acme.none", Cancellation),
            await _client.PostAsync("/api/v1/packs/com.acme.none/enable", null, Cancellation),
            await _client.PostAsJsonAsync("/api/v1/packs/com.acme.none/disable", new { reason = "x" }, Cancellation),
            await _client.PostAsync("/api/v1/packs/com.acme.none/disable", null, Cancellation),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("urn:cem:problem:not-found", problem.GetProperty("type").GetString());
            Assert.Equal("No pack 'com.acme.none' in the packs directory.", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Enabling_a_refused_pack_is_409_naming_why()
    {
        var response = await _client.PostAsync("/api/v1/packs/com.acme.future/enable", null, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("urn:cem:problem:pack-refused", problem.GetProperty("type").GetString());
        Assert.Equal("Pack 'com.acme.future' was refused at load: SDK range mismatch: the pack needs SDK [1.0.0,2.0.0) but this host has SDK 0.1.0. Fix the pack and restart the server.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Disable_without_a_reason_is_400()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/packs/com.acme.good/disable", new { reason = " " }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("is required (1-500 characters): why the pack is switched off.", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
    }

    [Fact]
    public async Task Disable_takes_effect_at_once_and_survives_a_restart_until_enabled()
    {
        var disabled = await _client.PostAsJsonAsync("/api/v1/packs/com.acme.good/disable", new { reason = "pilot paused" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var pack = await disabled.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(("disabled-by-admin", "pilot paused", false, false),
            (pack.GetProperty("status").GetString(), pack.GetProperty("statusReason").GetString(), pack.GetProperty("enabled").GetBoolean(), pack.GetProperty("active").GetBoolean()));
        Assert.Empty(_server.Services.GetRequiredService<CemOnPrem.Packs.Hosting.PackRegistry>().ActivePacks);

        await _server.DisposeAsync();
        _client.Dispose();
        (_server, _client) = await StartAsync();
        var afterRestart = await _client.GetFromJsonAsync<JsonElement>("/api/v1/packs/com.acme.good", Cancellation);
        Assert.Equal("disabled-by-admin", afterRestart.GetProperty("status").GetString());

        var enabled = await _client.PostAsync("/api/v1/packs/com.acme.good/enable", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal("loaded", (await enabled.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
        Assert.Equal(["com.acme.good"], _server.Services.GetRequiredService<CemOnPrem.Packs.Hosting.PackRegistry>().ActivePacks.Select(active => active.Id));
    }

    [Fact]
    public void Invalid_pack_settings_stop_the_start_naming_the_setting()
    {
        // The server's own wiring (AddCemDefaults + AddCemPacks), without starting a silo.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cem:ControlDatabase:ConnectionString"] = _databases.Control,
            ["Cem:Regions:eu-central:ConnectionString"] = _databases.Regions[ServerDatabases.Eu],
            ["Cem:Logging:File"] = "",
            ["Cem:Packs:Directory"] = Path.Combine(_packs, "missing"),
            ["Cem:Packs:TrustedPublishers:acme:PublicKey"] = "not a key",
            ["Cem:Packs:CallTimeoutMilliseconds"] = "0",
        });
        builder.AddCemDefaults();
        builder.AddCemPacks();
        using var app = (IDisposable)builder.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => ((IHost)app).Services.GetRequiredService<IOptions<CemOnPrem.Packs.Hosting.PackHostOptions>>().Value);

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains($"Cem:Packs:Directory: '{Path.Combine(_packs, "missing")}' does not exist (a folder with one sub-folder per pack).", ex.Failures);
        Assert.Contains("Cem:Packs:CallTimeoutMilliseconds: 0 is outside 1..60000.", ex.Failures);
        Assert.Contains(ex.Failures, failure => failure.StartsWith("Cem:Packs:TrustedPublishers:acme:PublicKey: not an ECDSA public key", StringComparison.Ordinal));
    }

    private async Task<(CemServerFactory, HttpClient)> StartAsync()
    {
        var server = new CemServerFactory(_databases, new Dictionary<string, string?>
        {
            ["Cem:Packs:Directory"] = _packs,
            [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKey"] = _key.ExportSubjectPublicKeyInfoPem(),
        });
        return (server, await server.CreateTrustedClientAsync());
    }

    private void AddPack(string folder, string id, string sdkVersion)
    {
        var path = Path.Combine(_packs, folder);
        Directory.CreateDirectory(Path.Combine(path, "journeys"));
        File.WriteAllText(Path.Combine(path, "pack.json"), new JsonObject
        {
            ["id"] = id,
            ["version"] = "1.2.3",
            ["publisher"] = Publisher,
            ["name"] = "Acme " + folder,
            ["sdkVersion"] = sdkVersion,
        }.ToJsonString());
        File.WriteAllText(Path.Combine(path, "journeys", "visit.json"), new JsonObject
        {
            ["id"] = "visit",
            ["name"] = new JsonObject { ["en"] = "Visit" },
            ["stages"] = new JsonArray(new JsonObject { ["id"] = "served", ["name"] = new JsonObject { ["en"] = "Served" }, ["touchpoints"] = new JsonArray("teller") }),
            ["entryTouchpoints"] = new JsonArray("teller"),
            ["completionTouchpoints"] = new JsonArray("teller"),
        }.ToJsonString());
        PackSigning.Sign(path, _key, Publisher);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_packs, recursive: true);
    }
}
