using System.Reflection;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Packs.Hosting.Loading;

/// <summary>
/// <see cref="IPackAssemblyLoader"/> over McMaster.NETCore.Plugins. Without shared types a pack's copy of
/// the SDK would be a different assembly and <c>IsAssignableFrom</c> would be false; with them (and
/// PreferSharedTypes) the SDK and logging abstractions resolve to the host's. Loaders are never unloaded:
/// unloading is fragile, so a changed pack means a restart.
/// </summary>
public sealed class McMasterPackAssemblyLoader : IPackAssemblyLoader, IDisposable
{
    /// <summary>Types whose assemblies the host shares with every pack (one type per assembly is enough).</summary>
    public static IReadOnlyList<Type> SharedTypes { get; } =
    [
        typeof(IPackCode), typeof(IMetricCalculator), typeof(MetricContext), typeof(PackEvent),
        typeof(ILogger), typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
    ];

    private readonly List<PluginLoader> _loaders = [];
    private readonly Lock _lock = new();

    public Assembly LoadEntryAssembly(string assemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, [.. SharedTypes], config => config.PreferSharedTypes = true);
        lock (_lock)
        {
            _loaders.Add(loader);
        }

        return loader.LoadDefaultAssembly();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var loader in _loaders)
            {
                loader.Dispose();
            }

            _loaders.Clear();
        }
    }
}
