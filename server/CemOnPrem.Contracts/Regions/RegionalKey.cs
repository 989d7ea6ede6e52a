using System.Diagnostics.CodeAnalysis;
using CemOnPrem.Sdk;

namespace CemOnPrem.Contracts.Regions;

/// <summary>
/// Keys of regional grains and rows start with their residency region: <c>{region}/{rest}</c>.
/// Storage and placement read the region from the key, so a key without one is refused.
/// </summary>
public static class RegionalKey
{
    public const char Separator = '/';

    public static string Compose(string region, string rest) => string.Concat(region, "/", rest);

    public static bool TryGetRegion(string key, [NotNullWhen(true)] out string? region)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf(Separator, StringComparison.Ordinal);
        region = slash > 0 ? key[..slash] : null;
        return region is not null && Codes.IsValid(region);
    }

    /// <summary>Splits <c>{region}/{rest}</c>; throws when the key names no valid region.</summary>
    public static (string Region, string Remainder) Split(string key)
    {
        if (!TryGetRegion(key, out var region))
        {
            throw new ArgumentException($"Key '{key}' does not start with a residency region ('{{region}}/...').", nameof(key));
        }

        return (region, key[(region.Length + 1)..]);
    }
}
