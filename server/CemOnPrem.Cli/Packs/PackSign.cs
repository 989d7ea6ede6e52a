using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Cli.Packs;

/// <summary><c>cemctl pack sign DIR --key PRIVATE.pem [--publisher NAME]</c>.</summary>
internal static class PackSign
{
    public static int Run(string packDir, string keyFile, string? publisher, TextWriter output, TextWriter error) => CliErrors.Guard(error, () =>
    {
        if (!Directory.Exists(packDir))
        {
            throw new CliException($"{packDir}: no such folder.");
        }

        var manifest = PackContentReader.ReadManifest(packDir);
        if (publisher is not null && !string.Equals(publisher, manifest.Publisher, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"--publisher '{publisher}' differs from the publisher in pack.json ('{manifest.Publisher}'); the server would refuse the pack.");
        }

        using var key = CliErrors.WithKeyFile("--key", keyFile, PublisherKeys.ImportPrivateKey);
        var signature = PackSigning.Sign(packDir, key, publisher ?? manifest.Publisher);
        var files = PackFileList.Parse(File.ReadAllBytes(Path.Combine(packDir, PackFileList.FileListPath))).Count;
        output.WriteLine($"signed {manifest.Id} {manifest.Version} ({files} files) as publisher '{signature.Publisher}' with key {signature.KeyId}");
        return 0;
    });
}
