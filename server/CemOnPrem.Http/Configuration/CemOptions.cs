namespace CemOnPrem.Http.Configuration;

/// <summary>Everything under the <c>Cem</c> configuration section (env: <c>CEM__...</c>).</summary>
public sealed class CemOptions
{
    public const string Section = "Cem";

    public DatabaseOptions ControlDatabase { get; set; } = new();

    /// <summary>Residency regions by name, each with its own database.</summary>
    public Dictionary<string, DatabaseOptions> Regions { get; set; } = new(StringComparer.Ordinal);

    public IngestOptions Ingest { get; set; } = new();

    public CemClusterOptions Cluster { get; set; } = new();

    /// <summary>Regions this node serves, its jurisdiction, allowed cross-border transfers (docs/privacy.md).</summary>
    public Residency.ResidencyOptions Residency { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();

    /// <summary>Reverse proxies whose forwarded headers are believed (docs/security.md).</summary>
    public NetworkOptions Network { get; set; } = new();

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
    public const string PostgresMembership = "postgres";
    public const string LocalhostMembership = "localhost";

    public string ClusterId { get; set; } = "cem-dev";

    public string ServiceId { get; set; } = "cemonprem";

    /// <summary>
    /// <c>postgres</c>: nodes find each other through the control database (any number of nodes). <c>localhost</c>:
    /// Orleans' development clustering on loopback (a single node, or extra local nodes via <see cref="PrimarySiloPort"/>).
    /// </summary>
    public string Membership { get; set; } = PostgresMembership;

    /// <summary>IP address other nodes reach this silo at. Empty: the first non-loopback IPv4 address of this host.</summary>
    public string AdvertisedAddress { get; set; } = "";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// With <c>localhost</c> membership only: silo port of the first local node that others join. 0 = this node is
    /// the first.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>How often each silo probes the silos it monitors, and how long a probe may take.</summary>
    public int ProbeTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Missed probes in a row after which a silo votes the probed silo dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes that declare a silo dead (fewer when fewer other silos are alive).</summary>
    public int VotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often each silo writes its heartbeat (IAmAlive) into the membership table.</summary>
    public int IAmAliveSeconds { get; set; } = 5;

    /// <summary>How often each silo re-reads the membership table (changes also spread by gossip at once).</summary>
    public int TableRefreshSeconds { get; set; } = 10;

    /// <summary>How long a stopping node may take to drain HTTP, deactivate grains and leave the cluster.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>Reminder canaries (0 = none); see <c>docs/operations.md</c>.</summary>
    public int ReminderCanaries { get; set; } = 8;

    public int ReminderCanaryPeriodSeconds { get; set; } = 60;
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
