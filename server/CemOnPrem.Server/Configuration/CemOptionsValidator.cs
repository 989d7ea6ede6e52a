using CemOnPrem.Sdk;
using Microsoft.Extensions.Options;
using Npgsql;

using CemOnPrem.Http.Configuration;

namespace CemOnPrem.Server.Configuration;

/// <summary>Checks the configuration at start-up; every message names the setting to fix.</summary>
public sealed class CemOptionsValidator : IValidateOptions<CemOptions>
{
    public ValidateOptionsResult Validate(string? name, CemOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        CheckDatabase(errors, databases, "Cem:ControlDatabase:ConnectionString", options.ControlDatabase.ConnectionString);
        if (options.Regions.Count == 0)
        {
            errors.Add("Cem:Regions: configure at least one residency region, e.g. Cem:Regions:eu-central:ConnectionString.");
        }

        var served = Http.Residency.NodeRegions.ServedOf(options).ToHashSet(StringComparer.Ordinal);
        foreach (var (region, database) in options.Regions)
        {
            if (!Codes.IsValid(region))
            {
                errors.Add($"Cem:Regions:{region}: the region name {Codes.Rule}.");
            }

            // A node never connects to a region it does not serve, so it needs (and should hold) no credentials for it.
            if (served.Contains(region))
            {
                CheckDatabase(errors, databases, $"Cem:Regions:{region}:ConnectionString", database.ConnectionString);
            }
        }

        var ingest = options.Ingest;
        Range(errors, "Cem:Ingest:MaxEventBytes", ingest.MaxEventBytes, 1024, 1024 * 1024);
        Range(errors, "Cem:Ingest:MaxBatchBytes", ingest.MaxBatchBytes, 1024, 256 * 1024 * 1024);
        Range(errors, "Cem:Ingest:MaxBatchCount", ingest.MaxBatchCount, 1, 100_000);
        Range(errors, "Cem:Ingest:QueueCapacity", ingest.QueueCapacity, 1, 1_000_000);
        Range(errors, "Cem:Ingest:MaxEventsPerCommit", ingest.MaxEventsPerCommit, 1, 100_000);
        Range(errors, "Cem:Ingest:MaxFutureSkewSeconds", ingest.MaxFutureSkewSeconds, 0, 86_400);
        ValidateCluster(errors, options.Cluster);
        Range(errors, "Cem:DatabaseStartupTimeoutSeconds", options.DatabaseStartupTimeoutSeconds, 1, 3600);
        Range(errors, "Cem:Demo:Customers", options.Demo.Customers, 1, 100_000);
        for (var i = 0; i < options.Network.TrustedProxies.Count; i++)
        {
            if (Hosting.TrustedProxies.Check(options.Network.TrustedProxies[i]) is { } error)
            {
                errors.Add($"Cem:Network:TrustedProxies:{i}: {error}");
            }
        }

        if (options.Logging.ConsoleFormat is not ("text" or "json"))
        {
            errors.Add($"Cem:Logging:ConsoleFormat: '{options.Logging.ConsoleFormat}' is not 'text' or 'json'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCluster(List<string> errors, CemClusterOptions cluster)
    {
        if (cluster.Membership is not (CemClusterOptions.PostgresMembership or CemClusterOptions.LocalhostMembership))
        {
            errors.Add($"Cem:Cluster:Membership: '{cluster.Membership}' is not 'postgres' (nodes meet in the control database) or 'localhost' (development, loopback only).");
        }

        CheckIdentifier(errors, "Cem:Cluster:ClusterId", cluster.ClusterId);
        CheckIdentifier(errors, "Cem:Cluster:ServiceId", cluster.ServiceId);
        if (cluster.AdvertisedAddress.Length > 0 && !System.Net.IPAddress.TryParse(cluster.AdvertisedAddress, out _))
        {
            errors.Add($"Cem:Cluster:AdvertisedAddress: '{cluster.AdvertisedAddress}' is not an IP address (leave it empty to use this host's first non-loopback IPv4 address).");
        }

        Range(errors, "Cem:Cluster:SiloPort", cluster.SiloPort, 1, 65535);
        Range(errors, "Cem:Cluster:GatewayPort", cluster.GatewayPort, 1, 65535);
        if (cluster.SiloPort == cluster.GatewayPort)
        {
            errors.Add($"Cem:Cluster:GatewayPort: {cluster.GatewayPort} is also Cem:Cluster:SiloPort; they need different ports.");
        }

        Range(errors, "Cem:Cluster:PrimarySiloPort", cluster.PrimarySiloPort, 0, 65535);
        if (cluster.PrimarySiloPort != 0 && cluster.Membership == CemClusterOptions.PostgresMembership)
        {
            errors.Add("Cem:Cluster:PrimarySiloPort: only used with Cem:Cluster:Membership=localhost; with postgres membership nodes find each other in the control database (remove the setting).");
        }

        Range(errors, "Cem:Cluster:ProbeTimeoutMilliseconds", cluster.ProbeTimeoutMilliseconds, 100, 60_000);
        Range(errors, "Cem:Cluster:MissedProbesLimit", cluster.MissedProbesLimit, 1, 10);
        Range(errors, "Cem:Cluster:VotesForDeathDeclaration", cluster.VotesForDeathDeclaration, 1, 10);
        Range(errors, "Cem:Cluster:IAmAliveSeconds", cluster.IAmAliveSeconds, 1, 600);
        Range(errors, "Cem:Cluster:TableRefreshSeconds", cluster.TableRefreshSeconds, 1, 600);
        Range(errors, "Cem:Cluster:ShutdownTimeoutSeconds", cluster.ShutdownTimeoutSeconds, 1, 3600);
        Range(errors, "Cem:Cluster:ReminderCanaries", cluster.ReminderCanaries, 0, 64);
        Range(errors, "Cem:Cluster:ReminderCanaryPeriodSeconds", cluster.ReminderCanaryPeriodSeconds, 1, 86_400);
    }

    private static void CheckIdentifier(List<string> errors, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || value.Any(char.IsWhiteSpace))
        {
            errors.Add($"{setting}: '{value}' must be 1 to 100 characters without spaces.");
        }
    }

    private static void CheckDatabase(List<string> errors, Dictionary<string, string> seen, string setting, string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add($"{setting}: required (a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Database=cem_control;Username=cem).");
            return;
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{setting}: not a valid PostgreSQL connection string ({ex.Message}).");
            return;
        }

        if (string.IsNullOrEmpty(parsed.Database))
        {
            errors.Add($"{setting}: names no Database.");
            return;
        }

        // Two regions in one database would mix their customers: residency must be physical.
        var identity = $"{parsed.Host}:{parsed.Port}/{parsed.Database}";
        if (seen.TryGetValue(identity, out var other))
        {
            errors.Add($"{setting}: points at the same database ({identity}) as {other}; every region and the control database need their own.");
        }
        else
        {
            seen[identity] = setting;
        }
    }

    private static void Range(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{setting}: {value} is outside {min}..{max}.");
        }
    }
}
