using System.Reflection;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Tests;

/// <summary>A pack read from its folder: content through the SDK reader, code from its entry assembly.</summary>
internal sealed record LoadedPack(PackContent Content, IPackCode? Code)
{
    public static LoadedPack From(string project)
    {
        var folder = PackFolders.OutputOf(project);
        var content = PackContentReader.Read(folder);
        IPackCode? code = null;
        if (content.Manifest.EntryAssembly is { } entry)
        {
            // The test process already holds the SDK, as the host does, so the pack's IPackCode is ours.
            var assembly = Assembly.LoadFrom(Path.Combine(folder, entry));
            var type = assembly.GetExportedTypes().Single(t => typeof(IPackCode).IsAssignableFrom(t) && !t.IsAbstract);
            code = (IPackCode)Activator.CreateInstance(type)!;
        }

        return new LoadedPack(content, code);
    }
}
