namespace CemOnPrem.Testing.Postgres;

/// <summary>Finds initdb/pg_ctl: <c>CEM_PG_BIN</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
public static class PostgresBinaries
{
    public static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CEM_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin"))
                .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")))
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them (apt-get install -y postgresql) " +
            "or set CEM_PG_BIN. Tests need a real PostgreSQL and do not skip without one.");
    }
}
