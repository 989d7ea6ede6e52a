using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CemOnPrem.Storage.Clustering;

/// <summary>How a silo publishes the residency regions it serves: one silo-metadata entry, a comma-separated list.</summary>
public static class SiloRegions
{
    public const string MetadataKey = "cem.regions";

    public static string Format(IEnumerable<string> regions) => string.Join(',', regions.Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> Of(SiloMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Metadata.TryGetValue(MetadataKey, out var list) && list.Length > 0 ? list.Split(',') : [];
    }

    public static bool Serves(SiloMetadata metadata, string region) => Of(metadata).Contains(region, StringComparer.Ordinal);
}
