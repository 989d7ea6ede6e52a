using CemOnPrem.Testing;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.State;

namespace CemOnPrem.Packs.Hosting.Tests.Support;

public static class Registries
{
    /// <summary>One loader for the whole test run, as in the server (assemblies are never unloaded).</summary>
    public static McMasterPackAssemblyLoader Loader { get; } = new();

    public static async Task<PackRegistry> LoadAsync(PackHostOptions options, IPackStateStore? store = null, ListLogger<PackRegistry>? logger = null)
    {
        var registry = new PackRegistry(options, store ?? new InMemoryPackStateStore(), logger ?? new ListLogger<PackRegistry>(), Loader, TimeProvider.System);
        await registry.LoadAsync(TestContext.Current.CancellationToken);
        return registry;
    }
}
