using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Brings every database to the current schema before the silo and the API start: waits for the
/// databases (bounded), migrates the control and each region database, pins each region database
/// to its region and checks it against the control registry.
/// </summary>
public sealed partial class DatabaseStartup(
    IOptions<CemOptions> options, ControlDatabase control, RegionDatabases regions, ILogger<DatabaseStartup> logger) : IHostedService
{
    public bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.DatabaseStartupTimeoutSeconds));
        await WaitForAsync("control", settings.ControlDatabase.ConnectionString, deadline.Token).ConfigureAwait(false);
        // Nodes of a cluster often start together: one migrates at a time (the others wait, then find nothing to do).
        await using var migrationLock = await MigrationLock.AcquireAsync(control, cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(settings.ControlDatabase.ConnectionString, SchemaKind.Control, logger, cancellationToken).ConfigureAwait(false);
        foreach (var region in regions.Regions)
        {
            var connectionString = settings.Regions[region].ConnectionString;
            await WaitForAsync(region, connectionString, deadline.Token).ConfigureAwait(false);
            await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Region, logger, cancellationToken).ConfigureAwait(false);
            var databaseUuid = await RegionPinning.EnsureAsync(regions.For(region), region, cancellationToken).ConfigureAwait(false);
            await RegionRegistry.RegisterAsync(control, region, databaseUuid, cancellationToken).ConfigureAwait(false);
        }

        Completed = true;
        LogReady(logger, regions.Regions.Count, regions.Regions);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WaitForAsync(string name, string connectionString, CancellationToken deadline)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(deadline).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException ex) when (!deadline.IsCancellationRequested && ex is not PostgresException { SqlState: "3D000" or "28P01" or "28000" })
            {
                // Down or starting: wait. A missing database or bad credentials will not fix themselves, so those fail at once.
                LogWaiting(logger, name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"Database '{name}' was not reachable within Cem:DatabaseStartupTimeoutSeconds={options.Value.DatabaseStartupTimeoutSeconds}.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Databases ready: control and {Count} regions ({Regions}) migrated and pinned")]
    private static partial void LogReady(ILogger logger, int count, IReadOnlyList<string> regions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for database {Database} (attempt {Attempt}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, string database, int attempt, string reason);
}
