using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CemOnPrem.Audit.Checkpoints;

namespace CemOnPrem.Governance.Erasure;

/// <summary>
/// A signed statement of one erasure: the JSON <see cref="Document"/> (request, region, when, who asked, who approved,
/// rows removed per category) signed as UTF-8 bytes with the node's audit checkpoint key (ECDSA P-256 / SHA-256,
/// IEEE P1363), so the same public key that verifies audit checkpoints verifies receipts.
/// </summary>
public sealed record ErasureReceipt(Guid RequestId, string Region, string Document, string Algorithm, string KeyId, byte[] Signature, DateTime SignedAt)
{
    public const string Format = "cem-erasure-receipt/v1";

    public static ErasureReceipt Sign(ECDsa key, Guid requestId, string region, DateTime erasedAt, string requestedBy, string approvedBy, ErasedRows erased)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(erased);
        var document = JsonSerializer.Serialize(new
        {
            format = Format,
            requestId,
            region,
            erasedAt,
            requestedBy,
            approvedBy,
            customerIds = erased.Customers,
            categories = new SortedDictionary<string, long>(erased.Rows.ToDictionary(), StringComparer.Ordinal),
        });
        var signature = key.SignData(Encoding.UTF8.GetBytes(document), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new ErasureReceipt(requestId, region, document, CheckpointSignatures.Algorithm, CheckpointSignatures.KeyIdOf(key), signature, erasedAt);
    }

    public bool Verify(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Algorithm == CheckpointSignatures.Algorithm && KeyId == CheckpointSignatures.KeyIdOf(publicKey)
            && publicKey.VerifyData(Encoding.UTF8.GetBytes(Document), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
