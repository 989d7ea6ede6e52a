using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Audit.Pseudonyms;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CemOnPrem.Audit.Configuration;

/// <summary>
/// The effective <c>Cem:</c> configuration as one digest per key, secrets removed first: passwords inside connection
/// strings, and settings whose name says they hold a secret (…Password, …Secret, …PrivateKey), are left out; file
/// paths count as their path, never the file's content. Each remaining value is a keyed digest (the pseudonym
/// key), so neither the stored snapshot nor the audit record reveals any value.
/// </summary>
public sealed class ConfigurationFingerprint
{
    private static readonly string[] SecretSuffixes = ["Password", "Secret", "ClientSecret", "PrivateKey", "Passphrase", "ApiKey"];

    private ConfigurationFingerprint(SortedDictionary<string, string> entries)
    {
        Entries = entries;
        var canonical = new StringBuilder();
        foreach (var (key, digest) in entries)
        {
            canonical.Append(key).Append('=').Append(digest).Append('\n');
        }

        Value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Key → keyed digest of its (secret-free) value, ordered by key.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    public string Value { get; }

    public static ConfigurationFingerprint Of(IConfiguration configuration, string section, SubjectPseudonyms keys)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(keys);
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is null || IsSecret(key))
            {
                continue; // sections carry no value; secrets are removed
            }

            entries[key] = keys.OfConfigurationValue(key, IsConnectionString(key) ? WithoutPassword(value) : value);
        }

        return new ConfigurationFingerprint(entries);
    }

    public static ConfigurationFingerprint FromEntries(IReadOnlyDictionary<string, string> entries) =>
        new(new SortedDictionary<string, string>(entries.ToDictionary(), StringComparer.Ordinal));

    /// <summary>"changed=a,b; added=c; removed=d" (key names only).</summary>
    public string DescribeChangesFrom(ConfigurationFingerprint previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var changed = Entries.Where(entry => previous.Entries.TryGetValue(entry.Key, out var old) && old != entry.Value).Select(entry => entry.Key).ToList();
        var added = Entries.Keys.Where(key => !previous.Entries.ContainsKey(key)).ToList();
        var removed = previous.Entries.Keys.Where(key => !Entries.ContainsKey(key)).ToList();
        var parts = new List<string>();
        Add(parts, "changed", changed);
        Add(parts, "added", added);
        Add(parts, "removed", removed);
        return string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string label, List<string> keys)
    {
        if (keys.Count > 0)
        {
            parts.Add(label + "=" + string.Join(',', keys));
        }
    }

    private static bool IsSecret(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return SecretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsConnectionString(string key) => key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase);

    private static string WithoutPassword(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: it may hold a secret anywhere, so only its presence counts.
            return "(unparseable)";
        }
    }
}
