using System.Security.Cryptography;

namespace CemOnPrem.Audit.Keys;

/// <summary>
/// Loads the pseudonym key and the checkpoint signing key. A configured file must exist; with no
/// file configured a key is generated once under the data folder (development, one node).
/// </summary>
public static class AuditKeyFiles
{
    public static byte[] LoadOrCreatePseudonymKey(string configuredFile, string dataDirectory)
    {
        var path = Resolve(configuredFile, dataDirectory, "pseudonym.key", "Cem:Audit:PseudonymKeyFile");
        if (!File.Exists(path))
        {
            WritePrivate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new AuditKeyException($"Cem:Audit:PseudonymKeyFile: {path} must hold the base64 of 32 random bytes.");
        }

        return key.Length >= 32 ? key : throw new AuditKeyException($"Cem:Audit:PseudonymKeyFile: {path} holds {key.Length} bytes; at least 32 are needed.");
    }

    public static ECDsa LoadOrCreateCheckpointKey(string configuredFile, string dataDirectory)
    {
        var path = Resolve(configuredFile, dataDirectory, "checkpoint.private.pem", "Cem:Audit:CheckpointKeyFile");
        if (!File.Exists(path))
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            WritePrivate(path, generated.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(Path.ChangeExtension(path, null).Replace(".private", "", StringComparison.Ordinal) + ".public.pem", generated.ExportSubjectPublicKeyInfoPem());
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new AuditKeyException($"Cem:Audit:CheckpointKeyFile: {path} is not an ECDSA private key in PEM form.");
        }

        return key;
    }

    private static string Resolve(string configuredFile, string dataDirectory, string defaultName, string setting)
    {
        if (string.IsNullOrWhiteSpace(configuredFile))
        {
            return Path.Combine(Path.GetFullPath(dataDirectory), "audit-keys", defaultName);
        }

        return File.Exists(configuredFile) ? configuredFile : throw new AuditKeyException($"{setting}: {configuredFile} does not exist.");
    }

    private static void WritePrivate(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write(content);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a second node on the same data folder) created it first: use theirs.
        }
    }
}
