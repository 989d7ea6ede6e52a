namespace CemOnPrem.Server.Configuration;

/// <summary>Everything under the <c>Cem</c> configuration section (env: <c>CEM__...</c>).</summary>
public sealed class CemOptions
{
    public const string Section = "Cem";

    public DatabaseOptions ControlDatabase { get; set; } = new();

    /// <summary>Residency regions by name, each with its own database.</summary>
    public Dictionary<string, DatabaseOptions> Regions { get; set; } = new(StringComparer.Ordinal);

    public IngestOptions Ingest { get; set; } = new();

    public CemClusterOptions Cluster { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();

    /// <summary>Folder for logs and generated local files.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>How long start-up waits for the databases before giving up.</summary>
    public int DatabaseStartupTimeoutSeconds { get; set; } = 60;
}

public sealed class DatabaseOptions
{
    public string ConnectionString { get; set; } = "";
}

public sealed class IngestOptions
{
    public int MaxEventBytes { get; set; } = 64 * 1024;

    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    public int MaxBatchCount { get; set; } = 1000;

    /// <summary>Requests waiting per region writer before new ones get 503 + Retry-After.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most events the region writer commits in one transaction.</summary>
    public int MaxEventsPerCommit { get; set; } = 2000;

    /// <summary>How far in the future <c>occurredAt</c> may lie (clock skew between channels and server).</summary>
    public int MaxFutureSkewSeconds { get; set; } = 300;
}

public sealed class CemClusterOptions
{
    public string ClusterId { get; set; } = "cem-dev";

    public string ServiceId { get; set; } = "cemonprem";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo port of the first local node that others join (development clustering). 0 = this node is
    /// the first. Replaced by PostgreSQL membership for real multi-node clusters.
    /// </summary>
    public int PrimarySiloPort { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Seed synthetic customers and events at start (idempotent; for <c>./cem run</c>).</summary>
    public bool Seed { get; set; }

    public int Customers { get; set; } = 300;
}

public sealed class LoggingOptions
{
    /// <summary><c>text</c> or <c>json</c> (compact JSON, one event per line) for the console.</summary>
    public string ConsoleFormat { get; set; } = "text";

    /// <summary>Rolling log file path; empty disables it. Default: <c>{DataDirectory}/logs/cem-.log</c>.</summary>
    public string? File { get; set; }
}
