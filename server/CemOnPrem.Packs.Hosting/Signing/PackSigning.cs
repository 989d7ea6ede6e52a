using System.Security.Cryptography;
using System.Text.Json;

namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>
/// Signs and verifies pack folders. Signing writes <c>.cem-pack/files.sha256</c> (every file's SHA-256)
/// and <c>.cem-pack/signature</c> (ECDSA P-256 over the exact bytes of the file list). Verifying checks the
/// signature against the trusted key of the publisher it names and re-hashes every file, so a changed,
/// added or removed file is named.
/// </summary>
public static class PackSigning
{
    // Relaxed escaping keeps base64 '+' readable; the file is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Signs a pack folder in place (replacing an earlier signature).</summary>
    /// <param name="packDirectory">The pack folder.</param>
    /// <param name="privateKey">The publisher's ECDSA P-256 private key.</param>
    /// <param name="publisher">The publisher name; it must match <c>pack.json</c> for the host to load the pack.</param>
    /// <returns>The signature written.</returns>
    /// <exception cref="PackSignatureException">The folder cannot be signed (missing, holds a symbolic link...).</exception>
    public static PackSignatureDocument Sign(string packDirectory, ECDsa privateKey, string publisher)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(publisher);
        if (!Directory.Exists(packDirectory))
        {
            throw new PackSignatureException($"'{packDirectory}' is not a folder.");
        }

        var list = PackFileList.Format(PackFileList.Compute(packDirectory));
        var signature = new PackSignatureDocument(
            publisher,
            PublisherKeys.KeyId(privateKey),
            PublisherKeys.Algorithm,
            Convert.ToBase64String(privateKey.SignData(list, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        Directory.CreateDirectory(Path.Combine(packDirectory, PackFileList.SignatureFolder));
        File.WriteAllBytes(Path.Combine(packDirectory, PackFileList.FileListPath), list);
        File.WriteAllBytes(Path.Combine(packDirectory, PackFileList.SignaturePath), JsonSerializer.SerializeToUtf8Bytes(signature, Json));
        return signature;
    }

    /// <summary>Verifies a pack folder.</summary>
    /// <param name="packDirectory">The pack folder.</param>
    /// <param name="trusted">The trusted publisher keys.</param>
    /// <param name="expectedPublisher">The publisher <c>pack.json</c> names, when known: the signature must be that publisher's.</param>
    /// <returns>The outcome and, when not verified, every problem found.</returns>
    public static SignatureCheck Verify(string packDirectory, TrustedPublisherKeys trusted, string? expectedPublisher = null)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var listFile = Path.Combine(packDirectory, PackFileList.FileListPath);
        var signatureFile = Path.Combine(packDirectory, PackFileList.SignaturePath);
        if (!File.Exists(signatureFile))
        {
            return File.Exists(listFile)
                ? SignatureCheck.Invalid($"missing signature: {PackFileList.SignaturePath} is missing ({PackFileList.FileListPath} is present)")
                : new SignatureCheck(SignatureOutcome.NotSigned, [$"missing signature: the pack has no {PackFileList.SignaturePath}"]);
        }

        PackSignatureDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PackSignatureDocument>(File.ReadAllBytes(signatureFile), Json);
        }
        catch (JsonException ex)
        {
            return SignatureCheck.Invalid($"malformed signature: {PackFileList.SignaturePath} is not valid JSON ({ex.Message})");
        }

        if (document is not { Publisher.Length: > 0, KeyId.Length: > 0, Algorithm.Length: > 0, Signature.Length: > 0 })
        {
            return SignatureCheck.Invalid($"malformed signature: {PackFileList.SignaturePath} needs publisher, keyId, algorithm and signature");
        }

        var (publisher, keyId) = (document.Publisher, document.KeyId);
        if (document.Algorithm != PublisherKeys.Algorithm)
        {
            return SignatureCheck.Invalid($"unsupported signature algorithm '{document.Algorithm}' (expected {PublisherKeys.Algorithm})", publisher, keyId);
        }

        if (expectedPublisher is not null && !string.Equals(expectedPublisher, publisher, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Invalid($"publisher mismatch: signed by '{publisher}' but pack.json names '{expectedPublisher}'", publisher, keyId);
        }

        if (!trusted.TryGet(publisher, out var key, out var trustedKeyId))
        {
            return SignatureCheck.Invalid($"unknown publisher '{publisher}': not a trusted publisher of this host", publisher, keyId);
        }

        if (!string.Equals(keyId, trustedKeyId, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Invalid($"unknown key {keyId} for publisher '{publisher}' (the trusted key is {trustedKeyId})", publisher, keyId);
        }

        if (!File.Exists(listFile))
        {
            return SignatureCheck.Invalid($"missing file list: {PackFileList.FileListPath} is missing", publisher, keyId);
        }

        var list = File.ReadAllBytes(listFile);
        if (!TryDecode(document.Signature, out var signature) ||
            !key.VerifyData(list, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return SignatureCheck.Invalid($"bad signature: {PackFileList.FileListPath} does not match the signature of publisher '{publisher}'", publisher, keyId);
        }

        try
        {
            var problems = Compare(PackFileList.Parse(list), PackFileList.Compute(packDirectory));
            return problems.Count == 0
                ? new SignatureCheck(SignatureOutcome.Verified, [], publisher, keyId)
                : new SignatureCheck(SignatureOutcome.Invalid, problems, publisher, keyId);
        }
        catch (PackSignatureException ex)
        {
            return SignatureCheck.Invalid(ex.Message, publisher, keyId);
        }
    }

    private static List<string> Compare(SortedDictionary<string, string> signed, SortedDictionary<string, string> actual)
    {
        var problems = new List<string>();
        foreach (var (path, hash) in signed)
        {
            if (!actual.TryGetValue(path, out var now))
            {
                problems.Add($"file removed: {path}");
            }
            else if (now != hash)
            {
                problems.Add($"file changed: {path}");
            }
        }

        problems.AddRange(actual.Keys.Where(path => !signed.ContainsKey(path)).Select(path => $"file added: {path}"));
        return problems;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
