using CemOnPrem.Sdk;
using Microsoft.Extensions.Options;
using Npgsql;

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

        foreach (var (region, database) in options.Regions)
        {
            if (!Codes.IsValid(region))
            {
                errors.Add($"Cem:Regions:{region}: the region name {Codes.Rule}.");
            }

            CheckDatabase(errors, databases, $"Cem:Regions:{region}:ConnectionString", database.ConnectionString);
        }

        var ingest = options.Ingest;
        Range(errors, "Cem:Ingest:MaxEventBytes", ingest.MaxEventBytes, 1024, 1024 * 1024);
        Range(errors, "Cem:Ingest:MaxBatchBytes", ingest.MaxBatchBytes, 1024, 256 * 1024 * 1024);
        Range(errors, "Cem:Ingest:MaxBatchCount", ingest.MaxBatchCount, 1, 100_000);
        Range(errors, "Cem:Ingest:QueueCapacity", ingest.QueueCapacity, 1, 1_000_000);
        Range(errors, "Cem:Ingest:MaxEventsPerCommit", ingest.MaxEventsPerCommit, 1, 100_000);
        Range(errors, "Cem:Ingest:MaxFutureSkewSeconds", ingest.MaxFutureSkewSeconds, 0, 86_400);
        Range(errors, "Cem:Cluster:SiloPort", options.Cluster.SiloPort, 1, 65535);
        Range(errors, "Cem:Cluster:GatewayPort", options.Cluster.GatewayPort, 1, 65535);
        Range(errors, "Cem:Cluster:PrimarySiloPort", options.Cluster.PrimarySiloPort, 0, 65535);
        Range(errors, "Cem:DatabaseStartupTimeoutSeconds", options.DatabaseStartupTimeoutSeconds, 1, 3600);
        Range(errors, "Cem:Demo:Customers", options.Demo.Customers, 1, 100_000);
        if (options.Logging.ConsoleFormat is not ("text" or "json"))
        {
            errors.Add($"Cem:Logging:ConsoleFormat: '{options.Logging.ConsoleFormat}' is not 'text' or 'json'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
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
