using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Audit.Chain;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>
/// ECDSA P-256 / SHA-256 signatures over a checkpoint's text form
/// <c>cem-audit-checkpoint/v1\n{sequence}\n{hash hex}\n{signedAt unix µs}</c> (IEEE P1363 r‖s).
/// The key id is the lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo, as for packs.
/// </summary>
public static class CheckpointSignatures
{
    public const string Algorithm = "ECDSA-P256-SHA256";

    public static AuditCheckpoint Sign(ECDsa key, long sequence, byte[] hash, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = AuditRecordHash.ToStoredPrecision(signedAt);
        var signature = key.SignData(Payload(sequence, hash, at), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new AuditCheckpoint(sequence, hash, at, KeyIdOf(key), Algorithm, signature);
    }

    public static bool Verify(AuditCheckpoint checkpoint, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(publicKey);
        return checkpoint.Algorithm == Algorithm
            && checkpoint.KeyId == KeyIdOf(publicKey)
            && publicKey.VerifyData(Payload(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedAt), checkpoint.Signature,
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    private static byte[] Payload(long sequence, byte[] hash, DateTimeOffset signedAt) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"cem-audit-checkpoint/v1\n{sequence}\n{Convert.ToHexStringLower(hash)}\n{AuditRecordHash.ToUnixMicroseconds(signedAt)}"));
}
