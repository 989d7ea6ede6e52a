using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Cli.Packs;

/// <summary><c>cemctl pack keygen --out DIR [--publisher NAME]</c>.</summary>
internal static class PackKeygen
{
    /// <summary>Key file names: <c>{publisher}.private.pem</c> / <c>{publisher}.public.pem</c>, or <c>private.pem</c> / <c>public.pem</c> without a publisher.</summary>
    public static (string Private, string Public) FileNames(string? publisher)
    {
        var stem = string.IsNullOrWhiteSpace(publisher)
            ? ""
            : new string([.. publisher.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]) + ".";
        return (stem + "private.pem", stem + "public.pem");
    }

    public static int Run(string outDir, string? publisher, TextWriter output, TextWriter error) => CliErrors.Guard(error, () =>
    {
        var (privateFile, publicFile) = FileNames(publisher);
        var privatePath = Path.Combine(outDir, privateFile);
        var publicPath = Path.Combine(outDir, publicFile);
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            throw new CliException($"{outDir} already holds a key ({privateFile}/{publicFile}); remove it or choose another --out. Keys are never overwritten.");
        }

        Directory.CreateDirectory(outDir);
        using var key = PublisherKeys.Generate();
        // Created with owner-only permissions from the start: the key is never readable by others, not even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privatePath, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            writer.Write('\n');
        }

        File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
        var keyId = PublisherKeys.KeyId(key);
        output.WriteLine($"private key: {privatePath} (keep it secret; mode 600)");
        output.WriteLine($"public key:  {publicPath}");
        output.WriteLine($"key id:      {keyId}");
        output.WriteLine($"Trust it on a server with: Cem:Packs:TrustedPublishers:{publisher ?? "<publisher>"}:PublicKeyFile={publicPath}");
        return 0;
    });
}
