using System.Security.Cryptography;

namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>The public keys a host trusts, one per publisher name (compared case-insensitively).</summary>
public sealed class TrustedPublisherKeys : IDisposable
{
    private readonly Dictionary<string, (ECDsa Key, string KeyId)> _keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>No trusted publisher.</summary>
    public static TrustedPublisherKeys None => new();

    /// <summary>The publishers trusted.</summary>
    public IReadOnlyCollection<string> Publishers => _keys.Keys;

    /// <summary>Builds the set from configuration (<see cref="PackHostOptions.TrustedPublishers"/>).</summary>
    /// <exception cref="PackKeyException">A key is unreadable; validate the options first.</exception>
    public static TrustedPublisherKeys FromOptions(PackHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var trusted = new TrustedPublisherKeys();
        foreach (var (publisher, key) in options.TrustedPublishers)
        {
            var pem = string.IsNullOrWhiteSpace(key.PublicKey) ? File.ReadAllText(key.PublicKeyFile!) : key.PublicKey;
            trusted.Add(publisher, PublisherKeys.ImportPublicKey(pem));
        }

        return trusted;
    }

    /// <summary>Trusts <paramref name="key"/> for <paramref name="publisher"/>; the set owns the key from now on.</summary>
    public TrustedPublisherKeys Add(string publisher, ECDsa key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publisher);
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.Remove(publisher, out var previous))
        {
            previous.Key.Dispose();
        }

        _keys[publisher] = (key, PublisherKeys.KeyId(key));
        return this;
    }

    /// <summary>The trusted key of a publisher, if any.</summary>
    public bool TryGet(string publisher, out ECDsa key, out string keyId)
    {
        if (_keys.TryGetValue(publisher, out var entry))
        {
            (key, keyId) = entry;
            return true;
        }

        key = null!;
        keyId = "";
        return false;
    }

    public void Dispose()
    {
        foreach (var (key, _) in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }
}
