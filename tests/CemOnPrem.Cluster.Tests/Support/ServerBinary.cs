using System.Reflection;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>The built server (<c>CemOnPrem.Server.dll</c> of the same configuration), started with <c>dotnet</c>.</summary>
internal static class ServerBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var path = typeof(ServerBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CemServerDll").Value!;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The server is not built at {path}; build the solution (./cem test does) first.", path);
    }
}
