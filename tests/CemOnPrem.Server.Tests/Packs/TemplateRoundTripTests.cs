extern alias cemctl;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Packs;

/// <summary>
/// The pack author's ten minutes, for real, as docs/packs.md tells them: `./cem sdk pack`, install the template from
/// the packed output, `dotnet new cem-pack`, `dotnet test` it, build, `cemctl pack check / keygen / sign`, start the real
/// server on the signed folder and see the pack listed, its journey and metric served; then tamper with a file, start
/// again and see the pack refused. Runs the dotnet CLI and two server starts, so it takes a minute or more.
/// </summary>
public sealed class TemplateRoundTripTests(PostgresServer postgres)
{
    private const string Publisher = "acme";
    private static readonly string Repository = typeof(TemplateRoundTripTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Template_from_the_packed_output_tests_builds_signs_and_loads_and_a_tampered_copy_is_refused()
    {
        var work = Directory.CreateTempSubdirectory("cem-template-").FullName;
        try
        {
            var feed = Path.Combine(work, "packages");
            var hive = Path.Combine(work, "hive");
            var output = Path.Combine(work, "src", "Acme.Claims");
            // A unique prerelease version per run: a NuGet cache holding an older build of the SDK cannot stand in for it.
            await RunAsync(Repository, Path.Combine(Repository, "cem"), "sdk", "pack", "--out", feed);
            var template = Assert.Single(Directory.GetFiles(feed, "CemOnPrem.Templates.*.nupkg"));
            await RunAsync(work, "dotnet", "new", "install", template, "--debug:custom-hive", hive);
            await RunAsync(work, "dotnet", "new", "cem-pack", "-n", "Acme.Claims", "--packId", "com.acme.claims", "--publisher", Publisher,
                "-o", output, "--debug:custom-hive", hive);
            // The SDK and the kit come only from the packed output; the test project's xUnit from the registry.
            await File.WriteAllTextAsync(Path.Combine(work, "src", "nuget.config"),
                $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources><packageSourceMapping><packageSource key="local"><package pattern="CemOnPrem.*" /></packageSource><packageSource key="nuget.org"><package pattern="*" /></packageSource></packageSourceMapping></configuration>""",
                Cancellation);
            var tests = await RunAsync(output, "dotnet", "test");
            // The template's own tests ran (an empty test run would pass too).
            Assert.Contains("succeeded: 2", tests, StringComparison.Ordinal);
            var packFolder = Path.Combine(work, "packs", "acme-claims");
            await RunAsync(output, "dotnet", "build", "Acme.Claims", "-c", "Release", "-o", packFolder);

            // cemctl in-process: the same command tree and handlers as the executable the docs use.
            var keys = Path.Combine(work, "keys");
            Assert.Equal(0, (await CemCtlAsync("pack", "check", Path.Combine(output, "Acme.Claims"))).Code);
            Assert.Equal(0, (await CemCtlAsync("pack", "keygen", "--out", keys, "--publisher", Publisher)).Code);
            Assert.Equal(0, (await CemCtlAsync("pack", "sign", packFolder, "--key", Path.Combine(keys, Publisher + ".private.pem"))).Code);
            var publicKey = Path.Combine(keys, Publisher + ".public.pem");
            var databases = await ServerDatabases.CreateAsync(postgres);
            await using (var server = Start(databases, work, publicKey))
            {
                using var client = await server.CreateTrustedClientAsync();
                var pack = await PackAsync(client);
                Assert.Equal(("loaded", "verified", true), (pack.GetProperty("status").GetString(),
                    pack.GetProperty("signature").GetProperty("state").GetString(), pack.GetProperty("active").GetBoolean()));
                Assert.Equal("service-visit", Assert.Single(pack.GetProperty("contributes").GetProperty("journeys").EnumerateArray()).GetString());
                Assert.Equal("repeat-visit-rate", Assert.Single(Assert.Single(server.Services.GetRequiredService<PackRegistry>().ActivePacks).Calculators).MetricId);
                // Served, not only listed: the analytics model of the running server has the pack's journey and metrics.
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/journeys/service-visit/funnel", Cancellation)).StatusCode);
                var metrics = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics", Cancellation);
                var ids = metrics.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
                Assert.Contains("visit-nps", ids);
                Assert.Contains("repeat-visit-rate", ids);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/metrics/repeat-visit-rate", Cancellation)).StatusCode);
            }

            await File.AppendAllTextAsync(Path.Combine(packFolder, "journeys", "service-visit.json"), " ", Cancellation);
            var verify = await CemCtlAsync("pack", "verify", packFolder, "--public-key", publicKey);
            Assert.Equal((1, "invalid: com.acme.claims 0.1.0\n  file changed: journeys/service-visit.json\n"), (verify.Code, verify.Error));
            await using (var server = Start(databases, work, publicKey))
            {
                using var client = await server.CreateTrustedClientAsync();
                var pack = await PackAsync(client);
                Assert.Equal(("refused", "invalid", false), (pack.GetProperty("status").GetString(),
                    pack.GetProperty("signature").GetProperty("state").GetString(), pack.GetProperty("active").GetBoolean()));
                Assert.Equal("signature: file changed: journeys/service-visit.json", pack.GetProperty("statusReason").GetString());
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/journeys/service-visit/funnel", Cancellation)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/metrics/repeat-visit-rate", Cancellation)).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The server as docs/packs.md has the operator configure it: the packs directory and the publisher's public key file.</summary>
    private static CemServerFactory Start(ServerDatabases databases, string work, string publicKey) => new(databases, new Dictionary<string, string?>
    {
        ["Cem:Packs:Directory"] = Path.Combine(work, "packs"),
        [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKeyFile"] = publicKey,
    });

    private static async Task<JsonElement> PackAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/packs", Cancellation);
        var pack = Assert.Single(body.GetProperty("packs").EnumerateArray());
        Assert.Equal("com.acme.claims", pack.GetProperty("id").GetString());
        return pack;
    }

    private static async Task<(int Code, string Output, string Error)> CemCtlAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await cemctl::CemOnPrem.Cli.CemCtl.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<string> RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The template project lives outside the repository: keep the repository's build settings out of it.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
