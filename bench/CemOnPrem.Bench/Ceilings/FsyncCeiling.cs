using System.Globalization;
using System.Text.RegularExpressions;
using CemOnPrem.Bench.Infrastructure;

namespace CemOnPrem.Bench.Ceilings;

/// <summary>
/// The flush rate of the filesystem holding the data directory: <c>pg_test_fsync</c>'s fdatasync line
/// (one 8 kB write + fdatasync, PostgreSQL's default wal_sync_method on Linux). Group commit can beat it;
/// one commit per event cannot.
/// </summary>
internal static partial class FsyncCeiling
{
    public static async Task<(double OpsPerSecond, string Output)> MeasureAsync(BenchPostgres postgres, int seconds)
    {
        var file = Path.Combine(postgres.Directory, "pg_test_fsync.out");
        var output = await ProcessRunner.RunAsync(Path.Combine(postgres.Bin, "pg_test_fsync"),
            ["-s", seconds.ToString(CultureInfo.InvariantCulture), "-f", file], asPostgres: true, timeoutSeconds: 60 + (seconds * 20));
        var match = FdatasyncLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException("pg_test_fsync printed no fdatasync line:\n" + output);
        }

        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    // The first fdatasync line is the "one 8kB write" section.
    [GeneratedRegex(@"^\s*fdatasync\s+([0-9.]+) ops/sec", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FdatasyncLine();
}
