using System.Diagnostics;
using System.Reflection;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Packs.Tests;

/// <summary>
/// The pack author's ten minutes, for real: `dotnet new cem-pack`, build against the packed SDK, sign,
/// load through the host, pass the kit. Runs the dotnet CLI, so it takes tens of seconds.
/// </summary>
public sealed class TemplateRoundTripTests
{
    private static readonly string Repository = typeof(TemplateRoundTripTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    private static readonly string Configuration = typeof(TemplateRoundTripTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    [Fact]
    public async Task Template_builds_signs_and_loads_through_the_host()
    {
        var work = Directory.CreateTempSubdirectory("cem-template-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var hive = Path.Combine(work, "hive");
            var output = Path.Combine(work, "src", "Acme.Claims");
            await DotnetAsync(work, "pack", Path.Combine(Repository, "sdk", "CemOnPrem.Sdk", "CemOnPrem.Sdk.csproj"), "--no-build", "-c", Configuration, "-o", feed);
            await DotnetAsync(work, "new", "install", Path.Combine(Repository, "sdk", "templates", "cem-pack"), "--debug:custom-hive", hive);
            await DotnetAsync(work, "new", "cem-pack", "-n", "Acme.Claims", "--packId", "com.acme.claims", "--publisher", HostedPacks.Publisher,
                "-o", output, "--debug:custom-hive", hive);
            // Restore only from the SDK we just packed: the template must not need anything else.
            await File.WriteAllTextAsync(Path.Combine(work, "src", "nuget.config"),
                $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""",
                TestContext.Current.CancellationToken);
            await DotnetAsync(output, "build", "-c", "Release", "-o", Path.Combine(work, "packs", "acme-claims"));

            using var key = PublisherKeys.Generate();
            PackSigning.Sign(Path.Combine(work, "packs", "acme-claims"), key, HostedPacks.Publisher);
            using var registry = await HostedPacks.LoadSignedAsync(Path.Combine(work, "packs"), key.ExportSubjectPublicKeyInfoPem());

            var pack = Assert.Single(registry.Packs);
            Assert.True(pack.Status == PackStatus.Loaded, pack.StatusReason);
            Assert.Equal(("com.acme.claims", PackSignatureState.Verified), (pack.Id, pack.Signature.State));
            var active = Assert.Single(registry.ActivePacks);
            Assert.Equal("repeat-visit-rate", Assert.Single(active.Calculators).MetricId);
            Assert.Empty(Sdk.Testing.PackValidator.Validate(active.Content, new CodeOf(active)));
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

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
