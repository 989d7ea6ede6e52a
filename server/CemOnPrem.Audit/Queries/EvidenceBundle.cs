using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Http;

namespace CemOnPrem.Audit.Queries;

/// <summary>
/// An evidence package (zip): <c>records.csv</c> or <c>records.json</c>; its detached signature
/// <c>records.{ext}.sig</c> (ECDSA P-256 / SHA-256, DER — checkable with
/// <c>openssl dgst -sha256 -verify checkpoint.public.pem -signature records.csv.sig records.csv</c>);
/// <c>signature.json</c> (key id, algorithm, SHA-256 of the file, the query); <c>checkpoints.json</c>
/// (the signed chain heads, for <c>cemctl audit verify --checkpoints</c>); <c>checkpoint.public.pem</c>.
/// </summary>
public static class EvidenceBundle
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Build(IReadOnlyList<AuditRecordDocument> records, bool csv, ECDsa key, IReadOnlyList<AuditCheckpoint> checkpoints,
        string query, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var name = csv ? "records.csv" : "records.json";
        var content = csv ? AuditCsv.Write(records) : JsonSerializer.SerializeToUtf8Bytes(records, Json);
        var signature = key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var keyId = CheckpointSignatures.KeyIdOf(key);
        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        var manifest = new
        {
            file = name,
            sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            algorithm = "ECDSA-P256-SHA256 (DER)",
            keyId,
            records = records.Count,
            firstSequence = records.Count == 0 ? (long?)null : records[0].Sequence,
            lastSequence = records.Count == 0 ? (long?)null : records[^1].Sequence,
            query,
            exportedAt,
        };

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, name, content);
            Add(zip, name + ".sig", signature);
            Add(zip, "signature.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
            Add(zip, "checkpoints.json", JsonSerializer.SerializeToUtf8Bytes(
                new CheckpointExport(keyId, publicKey, [.. checkpoints.Select(CheckpointDocument.From)]), Json));
            Add(zip, "checkpoint.public.pem", System.Text.Encoding.ASCII.GetBytes(publicKey));
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
