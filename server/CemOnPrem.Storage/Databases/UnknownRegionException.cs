namespace CemOnPrem.Storage.Databases;

/// <summary>A region was named that this deployment has no database for.</summary>
public sealed class UnknownRegionException(string region, IEnumerable<string> knownRegions)
    : Exception($"Region '{region}' is not configured. Configured regions: {string.Join(", ", knownRegions)}.")
{
    public string Region { get; } = region;
}
