using System.Security.Cryptography;
using CemOnPrem.Storage.Encryption;

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
        PrivateFiles.TryCreate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");

        byte[] key;
        try
        {
            key = Convert.FromBase64String(PrivateFiles.ReadText(path).Trim());
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
            // Only the process whose private key won writes the public half, so the two always match.
            if (PrivateFiles.TryCreate(path, generated.ExportPkcs8PrivateKeyPem()))
            {
                File.WriteAllText(Path.ChangeExtension(path, null).Replace(".private", "", StringComparison.Ordinal) + ".public.pem", generated.ExportSubjectPublicKeyInfoPem());
            }
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(PrivateFiles.ReadText(path));
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
}
