namespace CemOnPrem.Ingest;

/// <summary>The region's database could not take the write (down, restarting, overloaded); the client should retry.</summary>
public sealed class StoreUnavailableException(string region, Exception inner)
    : Exception($"The database of region '{region}' is unavailable: {inner.Message}", inner)
{
    public string Region { get; } = region;
}
