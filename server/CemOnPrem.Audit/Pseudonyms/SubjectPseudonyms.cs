using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit.Pseudonyms;

/// <summary>
/// The data subject as the trail stores it: HMAC-SHA-256 under a secret key of (region, customer id),
/// cut to 128 bits. Stable, so "who accessed subject X" is one index lookup; without the key the
/// pseudonym cannot be linked back to a customer, so the audit table holds no personal data.
/// </summary>
public sealed class SubjectPseudonyms(byte[] key)
{
    public const string Prefix = "ps1-";

    private readonly byte[] _key = key is { Length: >= 32 } ? key : throw new ArgumentException("The pseudonym key needs at least 32 bytes.", nameof(key));

    public string Of(AuditSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // The separator cannot occur in a region code, so (region, id) pairs never collide textually.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(subject.Region + "\n" + subject.CustomerId));
        return Prefix + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
