namespace CemOnPrem.Contracts.Regions;

/// <summary>Keys of <see cref="IRegionalReaderGrain"/>: a few per region so remote reads are not funnelled through one activation.</summary>
public static class RegionalReaders
{
    public const int PerRegion = 8;

    public static string KeyOf(string region) => RegionalKey.Compose(region, "reader-" + Random.Shared.Next(PerRegion).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
