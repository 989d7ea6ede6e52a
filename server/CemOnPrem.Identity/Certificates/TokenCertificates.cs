using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Storage.Encryption;

namespace CemOnPrem.Identity.Certificates;

/// <summary>
/// The certificates OpenIddict signs and encrypts tokens with: configured files in production, or
/// self-signed ones generated once under the data folder for development so every local node (and a
/// restarted one) validates the others' tokens.
/// </summary>
public static class TokenCertificates
{
    public static (X509Certificate2 Signing, X509Certificate2 Encryption) Load(CemIdentityOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GenerateCertificates && options.SigningCertificate.Path.Length == 0)
        {
            var folder = Path.Combine(dataDirectory, "identity");
            return (GeneratedOnce(Path.Combine(folder, "signing.pfx"), X509KeyUsageFlags.DigitalSignature),
                GeneratedOnce(Path.Combine(folder, "encryption.pfx"), X509KeyUsageFlags.KeyEncipherment));
        }

        return (FromFile(options.SigningCertificate, "SigningCertificate"), FromFile(options.EncryptionCertificate, "EncryptionCertificate"));
    }

    /// <summary>
    /// The configured encryption certificate, read when services are registered (data protection takes its
    /// certificate there); null with generated development certificates or when the file cannot be read — the
    /// options validator then stops the start with a message naming the setting.
    /// </summary>
    public static X509Certificate2? ConfiguredEncryptionOrNull(CemIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GenerateCertificates && options.SigningCertificate.Path.Length == 0)
        {
            return null;
        }

        try
        {
            return FromFile(options.EncryptionCertificate, "EncryptionCertificate");
        }
        catch (CertificateConfigurationException)
        {
            return null;
        }
    }

    private static X509Certificate2 FromFile(CertificateOptions certificate, string setting)
    {
        var path = certificate.Path;
        if (!File.Exists(path))
        {
            throw new CertificateConfigurationException($"Cem:Identity:{setting}:Path: file '{path}' does not exist.");
        }

        try
        {
            var loaded = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, certificate.Password, X509KeyStorageFlags.EphemeralKeySet)
                : FromPem(path, certificate);
            return loaded.HasPrivateKey
                ? loaded
                : throw new CertificateConfigurationException($"Cem:Identity:{setting}: the certificate in '{path}' has no private key.");
        }
        catch (CryptographicException ex)
        {
            throw new CertificateConfigurationException($"Cem:Identity:{setting}: '{path}' cannot be read ({ex.Message}).");
        }
    }

    private static X509Certificate2 FromPem(string path, CertificateOptions certificate)
    {
        var keyPath = certificate.KeyPath.Length > 0 ? certificate.KeyPath : path;
        return certificate.Password.Length > 0
            ? X509Certificate2.CreateFromEncryptedPemFile(path, certificate.Password, keyPath)
            : X509Certificate2.CreateFromPemFile(path, keyPath);
    }

    private static X509Certificate2 GeneratedOnce(string path, X509KeyUsageFlags usage)
    {
        // Two nodes starting together: exactly one creates the file, the other reads the winner's (PrivateFiles; a
        // non-overwriting File.Move is not atomic on Linux and let both win).
        if (!File.Exists(path))
        {
            PrivateFiles.TryCreate(path, SelfSigned(usage));
        }

        return X509CertificateLoader.LoadPkcs12(PrivateFiles.ReadBytes(path), password: null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static byte[] SelfSigned(X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var name = usage == X509KeyUsageFlags.DigitalSignature ? "CN=CemOnPrem development signing" : "CN=CemOnPrem development encryption";
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
        return certificate.Export(X509ContentType.Pfx);
    }
}
