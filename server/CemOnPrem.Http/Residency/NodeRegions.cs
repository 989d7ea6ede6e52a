using CemOnPrem.Http.Configuration;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Http.Residency;

/// <summary>This node's view of residency: the configured regions, the ones it serves, and the jurisdiction it is in.</summary>
public sealed class NodeRegions
{
    public NodeRegions(IOptions<CemOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Configured = [.. settings.Regions.Keys.Order(StringComparer.Ordinal)];
        Served = [.. ServedOf(settings)];
        var location = settings.Residency.Location;
        LocalJurisdictions = location.Length > 0 ? new HashSet<string>([location], StringComparer.Ordinal) : new HashSet<string>(Served, StringComparer.Ordinal);
        Location = location.Length > 0 ? location : Served.Count == 1 ? Served[0] : null;
    }

    /// <summary>Every region of the deployment (<c>Cem:Regions</c>), served here or not.</summary>
    public IReadOnlyList<string> Configured { get; }

    /// <summary>The regions this node serves (<c>Cem:Residency:ServedRegions</c>, default all).</summary>
    public IReadOnlyList<string> Served { get; }

    /// <summary>Where this node is (the transfer destination); null when it counts as inside each region it serves.</summary>
    public string? Location { get; }

    /// <summary>Regions whose personal data this node delivers without a transfer.</summary>
    public IReadOnlySet<string> LocalJurisdictions { get; }

    public bool IsConfigured(string region) => Configured.Contains(region, StringComparer.Ordinal);

    public bool IsServedHere(string region) => Served.Contains(region, StringComparer.Ordinal);

    /// <summary>Whether delivering personal data of <paramref name="region"/> from this node crosses a border.</summary>
    public bool IsTransfer(string region) => !LocalJurisdictions.Contains(region);

    /// <summary>The served regions named in configuration; every configured region when none are.</summary>
    public static IEnumerable<string> ServedOf(CemOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var served = settings.Residency.ServedRegions;
        return (served.Count == 0 ? [.. settings.Regions.Keys] : served).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }
}
