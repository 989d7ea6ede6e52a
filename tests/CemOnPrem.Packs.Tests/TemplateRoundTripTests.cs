using System.Diagnostics;
using System.Reflection;
using CemOnPrem.Packs.Hosting;

namespace CemOnPrem.Packs.Tests;

/// <summary>
/// The pack author's ten minutes, for real, as docs/packs.md tells them: `./cem sdk pack`, install the template from
/// the packed output, `dotnet new cem-pack`, `dotnet test` it, build, `cemctl pack check / keygen / sign`, load through the
/// host the server runs, pass the kit; then tamper with a file and see the pack refused. Runs the dotnet CLI, so it takes a minute or more.
/// </summary>
public sealed class TemplateRoundTripTests
{
    private static readonly string Repository = typeof(TemplateRoundTripTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

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
            await RunAsync(work, "dotnet", "new", "cem-pack", "-n", "Acme.Claims", "--packId", "com.acme.claims", "--publisher", HostedPacks.Publisher,
                "-o", output, "--debug:custom-hive", hive);
            // The SDK and the kit come only from the packed output; the test project's xUnit from the registry.
            await File.WriteAllTextAsync(Path.Combine(work, "src", "nuget.config"),
                $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources><packageSourceMapping><packageSource key="local"><package pattern="CemOnPrem.*" /></packageSource><packageSource key="nuget.org"><package pattern="*" /></packageSource></packageSourceMapping></configuration>""",
                TestContext.Current.CancellationToken);
            var tests = await RunAsync(output, "dotnet", "test");
            // The template's own tests ran (an empty test run would pass too).
            Assert.Contains("succeeded: 2", tests, StringComparison.Ordinal);
            var packFolder = Path.Combine(work, "packs", "acme-claims");
            await RunAsync(output, "dotnet", "build", "Acme.Claims", "-c", "Release", "-o", packFolder);

            // cemctl in-process: the same command tree and handlers as the executable the docs use.
            var keys = Path.Combine(work, "keys");
            Assert.Equal(0, (await CemCtlAsync("pack", "check", Path.Combine(output, "Acme.Claims"))).Code);
            Assert.Equal(0, (await CemCtlAsync("pack", "keygen", "--out", keys, "--publisher", HostedPacks.Publisher)).Code);
            Assert.Equal(0, (await CemCtlAsync("pack", "sign", packFolder, "--key", Path.Combine(keys, HostedPacks.Publisher + ".private.pem"))).Code);
            var publicKey = Path.Combine(keys, HostedPacks.Publisher + ".public.pem");
            var publicPem = await File.ReadAllTextAsync(publicKey, TestContext.Current.CancellationToken);
            using (var registry = await HostedPacks.LoadSignedAsync(Path.Combine(work, "packs"), publicPem))
            {
                var pack = Assert.Single(registry.Packs);
                Assert.True(pack.Status == PackStatus.Loaded, pack.StatusReason);
                Assert.Equal(("com.acme.claims", PackSignatureState.Verified), (pack.Id, pack.Signature.State));
                var active = Assert.Single(registry.ActivePacks);
                Assert.Equal("service-visit", Assert.Single(active.Content.Journeys).Id);
                Assert.Contains(active.Content.Metrics, m => m.Id == "visit-nps");
                Assert.Equal("repeat-visit-rate", Assert.Single(active.Calculators).MetricId);
                Assert.Empty(Sdk.Testing.PackValidator.Validate(active.Content, new CodeOf(active)));
            }

            await File.AppendAllTextAsync(Path.Combine(packFolder, "journeys", "service-visit.json"), " ", TestContext.Current.CancellationToken);
            var verify = await CemCtlAsync("pack", "verify", packFolder, "--public-key", publicKey);
            Assert.Equal((1, "invalid: com.acme.claims 0.1.0\n  file changed: journeys/service-visit.json\n"), (verify.Code, verify.Error));
            using (var tampered = await HostedPacks.LoadSignedAsync(Path.Combine(work, "packs"), publicPem))
            {
                var pack = Assert.Single(tampered.Packs);
                Assert.Equal((PackStatus.Refused, PackSignatureState.Invalid), (pack.Status, pack.Signature.State));
                Assert.Empty(tampered.ActivePacks);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed class CodeOf(ActivePack pack) : Sdk.Packs.IPackCode
    {
        public IReadOnlyList<Sdk.Metrics.IMetricCalculator> MetricCalculators { get; } = [.. pack.Calculators.Select(c => c.Calculator)];
    }

    private static async Task<(int Code, string Output, string Error)> CemCtlAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CemOnPrem.Cli.CemCtl.RunAsync(args, output, error);
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
