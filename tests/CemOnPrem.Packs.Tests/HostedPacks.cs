using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Packs.Hosting.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Packs.Tests;

/// <summary>
/// The shipped packs installed as an operator would: each build output copied into a packs directory,
/// signed with a publisher key, and loaded by the real plugin host (signature, manifest, SDK range,
/// content, code through McMaster). Loaded once per test run — the host never unloads assemblies.
/// </summary>
internal static class HostedPacks
{
    public const string Publisher = "cemonprem";

    public static readonly string[] Projects =
        ["CemOnPrem.Packs.Banking", "CemOnPrem.Packs.Insurance", "CemOnPrem.Packs.Retail", "CemOnPrem.Packs.Automotive"];

    private static readonly Lazy<PackRegistry> Shared = new(() => LoadAsync(Projects).GetAwaiter().GetResult());

    public static PackRegistry Registry => Shared.Value;

    public static McMasterPackAssemblyLoader Loader { get; } = new();

    public static async Task<PackRegistry> LoadAsync(IEnumerable<string> projects)
    {
        var directory = Directory.CreateTempSubdirectory("cem-hosted-packs-").FullName;
        using var key = PublisherKeys.Generate();
        foreach (var project in projects)
        {
            var target = Path.Combine(directory, project);
            CopyFolder(PackFolders.OutputOf(project), target);
            PackSigning.Sign(target, key, Publisher);
        }

        return await LoadSignedAsync(directory, key.ExportSubjectPublicKeyInfoPem());
    }

    public static async Task<PackRegistry> LoadSignedAsync(string directory, string publicKeyPem)
    {
        var options = new PackHostOptions
        {
            Directory = directory,
            TrustedPublishers = new(StringComparer.OrdinalIgnoreCase) { [Publisher] = new TrustedPublisherOptions { PublicKey = publicKeyPem } },
        };
        var registry = new PackRegistry(options, new InMemoryPackStateStore(), NullLogger<PackRegistry>.Instance, Loader, TimeProvider.System);
        await registry.LoadAsync(CancellationToken.None);
        return registry;
    }

    public static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
