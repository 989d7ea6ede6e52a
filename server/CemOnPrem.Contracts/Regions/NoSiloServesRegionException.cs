namespace CemOnPrem.Contracts.Regions;

/// <summary>
/// No active silo serves the region a regional grain belongs to, so it cannot be activated anywhere without
/// breaking residency. Callers fail fast (the API answers 503 naming the region); there is no fallback.
/// </summary>
[GenerateSerializer] // travels from the placing silo to the caller (silo or client) whatever the exception options say
[Alias("cem.no-silo-serves-region")]
public sealed class NoSiloServesRegionException : Exception
{
    public NoSiloServesRegionException(string region)
        : base($"No active cluster node serves region '{region}'; its customers cannot be reached until one does.") => Data[RegionKey] = region;

    public NoSiloServesRegionException()
    {
    }

    public NoSiloServesRegionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    // Kept in Data, which Orleans carries when the exception travels between silos (custom properties are not).
    private const string RegionKey = "cem.region";

    public string Region => Data[RegionKey] as string ?? "";
}
