using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CemOnPrem.Testing;

/// <summary>A migrated control database and two pinned region databases (eu-central, cn-east), shared by the tests of one class.</summary>
public sealed class MigratedDatabases(PostgresServer postgres) : IAsyncLifetime
{
    public const string EuCentral = "eu-central";
    public const string CnEast = "cn-east";

    private ControlDatabase? _control;
    private RegionDatabases? _regions;
    private FieldProtection? _protection;

    public ControlDatabase Control => _control ?? throw new InvalidOperationException("The fixture is not initialized.");

    public RegionDatabases Regions => _regions ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Data keys and blind indexes with the file key provider under <see cref="KeyDirectory"/>, as a node would have them.</summary>
    public FieldProtection Protection => _protection ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>This fixture's key folder (KEKs and blind-index keys).</summary>
    public string KeyDirectory { get; } = Directory.CreateTempSubdirectory("cem-test-keys-").FullName;

    public string ControlConnectionString { get; private set; } = "";

    public IReadOnlyDictionary<string, string> RegionConnectionStrings { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        var control = await postgres.CreateDatabaseAsync("control");
        await SchemaMigrator.MigrateAsync(control, SchemaKind.Control, NullLogger.Instance, CancellationToken.None);
        var regional = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in new[] { EuCentral, CnEast })
        {
            regional[region] = await postgres.CreateDatabaseAsync("region_" + region.Replace('-', '_'));
            await SchemaMigrator.MigrateAsync(regional[region], SchemaKind.Region, NullLogger.Instance, CancellationToken.None);
        }

        ControlConnectionString = control;
        RegionConnectionStrings = regional;
        _control = new ControlDatabase(control);
        _regions = new RegionDatabases(regional);
        _protection = new FieldProtection(_regions, new FileKeyEncryptionKeyProvider(KeyDirectory), new PersonalDataOptions());
        foreach (var region in regional.Keys)
        {
            await RegionPinning.EnsureAsync(_regions.For(region), region, CancellationToken.None);
        }
    }

    /// <returns>The grain_type values of the rows stored under a grain key, in order.</returns>
    public static async Task<IReadOnlyList<string>> GrainTypesStoredAsync(NpgsqlDataSource dataSource, string grainKey)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var types = await connection.QueryAsync<string>(
            "select grain_type from grain_state where grain_key = @grainKey order by grain_type", new { grainKey });
        return [.. types];
    }

    public async ValueTask DisposeAsync()
    {
        if (_regions is not null)
        {
            await _regions.DisposeAsync();
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }

        try
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }
}
