using System.Reflection;

namespace CemOnPrem.Packs.Hosting.Loading;

/// <summary>
/// Loads a pack's entry assembly into its own load context, sharing the SDK's types with the host. Our
/// seam around the loader library (McMaster.NETCore.Plugins today), so it can be replaced without
/// touching the host.
/// </summary>
public interface IPackAssemblyLoader
{
    /// <summary>Loads the assembly and its private dependencies from the pack folder.</summary>
    /// <param name="assemblyPath">Full path of the entry assembly.</param>
    /// <returns>The loaded assembly; its SDK types are the host's.</returns>
    Assembly LoadEntryAssembly(string assemblyPath);
}
