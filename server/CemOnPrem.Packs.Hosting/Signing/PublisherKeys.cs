using System.Security.Cryptography;

namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>ECDSA P-256 publisher keys: PEM import/export and key ids.</summary>
public static class PublisherKeys
{
    /// <summary>The only signature algorithm packs use.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>Creates a new P-256 key pair.</summary>
    public static ECDsa Generate() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The key id: lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo (DER).</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Imports a public key from PEM (<c>PUBLIC KEY</c>); a private key PEM is accepted too and its public part used.</summary>
    /// <exception cref="PackKeyException">The text is not an ECDSA P-256 key.</exception>
    public static ECDsa ImportPublicKey(string pem) => Import(pem, "public");

    /// <summary>Imports a private key from PEM (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="PackKeyException">The text is not an ECDSA P-256 private key.</exception>
    public static ECDsa ImportPrivateKey(string pem)
    {
        var key = Import(pem, "private");
        try
        {
            // Export fails for a key that has no private part.
            _ = key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new PackKeyException("this is a public key; signing needs the private key PEM.", ex);
        }
    }

    private static ECDsa Import(string pem, string kind)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new PackKeyException($"not an ECDSA {kind} key in PEM format ({ex.Message}).", ex);
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new PackKeyException($"the key is not on curve P-256 (nistP256); packs are signed with {Algorithm}.");
        }

        return key;
    }
}
