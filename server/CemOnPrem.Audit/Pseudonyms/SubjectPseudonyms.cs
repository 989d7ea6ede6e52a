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

    /// <summary>Prefix of <see cref="OfTypedName"/>.</summary>
    public const string TypedNamePrefix = "pn1-";

    /// <summary>
    /// A name someone typed that matched no account (a failed login): it may be a mistyped password or
    /// somebody's e-mail, so only its keyed pseudonym is stored. Case-insensitive like user names, so repeated
    /// attempts with one name can still be grouped.
    /// </summary>
    public string OfTypedName(string typedName)
    {
        ArgumentNullException.ThrowIfNull(typedName);
        // A different label than subjects', so a typed name can never collide with a customer's pseudonym.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("typed-name\n" + typedName.Trim().ToUpperInvariant()));
        return TypedNamePrefix + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>A keyed digest of a configuration value: shows that it changed, never what it is.</summary>
    public string OfConfigurationValue(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("config\n" + key + "\n" + (value is null ? "\0" : "=" + value)));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
