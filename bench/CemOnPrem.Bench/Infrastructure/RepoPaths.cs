namespace CemOnPrem.Bench.Infrastructure;

/// <summary>Finds the checkout (the folder holding CemOnPrem.sln) from the bench binary's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ServerDll => Path.Combine(Root, "server", "CemOnPrem.Server", "bin", "Release", "net10.0", "CemOnPrem.Server.dll");

    public static string Results => Path.Combine(Root, "bench", "results");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CemOnPrem.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
