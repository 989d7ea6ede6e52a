using Orleans.CodeGeneration;

namespace CemOnPrem.Contracts.Regions;

/// <summary>
/// Reads a region's database on behalf of a node that does not serve the region (it has no connection to it):
/// key <c>{region}/reader-{n}</c>, placed only on silos of that region. Answers are what the caller's own checks
/// need, never more; whether the answer may leave the region is decided by the caller's transfer check.
/// </summary>
[Alias("cem.regional-reader")]
[Version(1)]
public interface IRegionalReaderGrain : IGrainWithStringKey
{
    /// <summary>Whether the customer has at least one event recorded at one of <paramref name="orgUnits"/>.</summary>
    [Alias("has-events-at")]
    Task<bool> CustomerHasEventsAtAsync(string customerId, string[] orgUnits);

    /// <summary>The customer an external identity (already normalised) belongs to, or null.</summary>
    [Alias("lookup")]
    Task<string?> LookupAsync(string type, string normalizedValue);
}
