using System.Reflection;

namespace CemOnPrem.Packs.Tests;

/// <summary>Where each pack's build output (its pack folder) is, for the configuration these tests were built in.</summary>
internal static class PackFolders
{
    public static string OutputOf(string project)
    {
        var metadata = typeof(PackFolders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var folder = Path.GetFullPath(Path.Combine(metadata["PacksRoot"]!, project, "bin", metadata["Configuration"]!, "net10.0"));
        return File.Exists(Path.Combine(folder, "pack.json"))
            ? folder
            : throw new InvalidOperationException($"Pack '{project}' is not built at {folder}; build the solution first.");
    }
}
