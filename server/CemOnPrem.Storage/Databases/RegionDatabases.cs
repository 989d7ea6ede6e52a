using System.Collections.Frozen;
using Npgsql;

namespace CemOnPrem.Storage.Databases;

/// <summary>
/// One PostgreSQL data source per residency region. Regional data is only ever read or written
/// through <see cref="For"/>, so a region's rows cannot reach another region's connection.
/// </summary>
public sealed class RegionDatabases : IAsyncDisposable
{
    private readonly FrozenDictionary<string, NpgsqlDataSource> _sources;
    private readonly FrozenDictionary<string, NpgsqlDataSource> _writers;

    public RegionDatabases(IReadOnlyDictionary<string, string> connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        _sources = connectionStrings.ToFrozenDictionary(
            pair => pair.Key,
            pair => DataSources.Create(pair.Value),
            StringComparer.Ordinal);
        _writers = connectionStrings.ToFrozenDictionary(pair => pair.Key, pair => DataSources.CreateForEventWriter(pair.Value), StringComparer.Ordinal);
        Regions = [.. _sources.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Regions { get; }

    public bool IsKnown(string region) => _sources.ContainsKey(region);

    /// <exception cref="UnknownRegionException">The region has no configured database.</exception>
    public NpgsqlDataSource For(string region) =>
        _sources.TryGetValue(region, out var source) ? source : throw new UnknownRegionException(region, Regions);

    /// <summary>The same database through the event writer's own pool (see <see cref="DataSources.CreateForEventWriter"/>).</summary>
    /// <exception cref="UnknownRegionException">The region has no configured database.</exception>
    public NpgsqlDataSource EventWriterFor(string region) =>
        _writers.TryGetValue(region, out var source) ? source : throw new UnknownRegionException(region, Regions);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Concat(_writers.Values))
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
