using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Cli.Packs;

/// <summary><c>cemctl pack verify DIR --public-key PUBLIC.pem [--publisher NAME]</c>: the server's check, offline.</summary>
internal static class PackVerify
{
    public static int Run(string packDir, string keyFile, string? publisher, TextWriter output, TextWriter error) => CliErrors.Guard(error, () =>
    {
        if (!Directory.Exists(packDir))
        {
            throw new CliException($"{packDir}: no such folder.");
        }

        var manifest = PackContentReader.ReadManifest(packDir);
        using var trusted = new TrustedPublisherKeys().Add(publisher ?? manifest.Publisher, CliErrors.WithKeyFile("--public-key", keyFile, PublisherKeys.ImportPublicKey));
        var check = PackSigning.Verify(packDir, trusted, manifest.Publisher);
        if (!check.IsValid)
        {
            error.WriteLine($"invalid: {manifest.Id} {manifest.Version}");
            foreach (var problem in check.Problems)
            {
                error.WriteLine($"  {problem}");
            }

            return 1;
        }

        output.WriteLine($"valid: {manifest.Id} {manifest.Version} signed by '{check.Publisher}' with key {check.KeyId}; every file matches");
        return 0;
    });
}
