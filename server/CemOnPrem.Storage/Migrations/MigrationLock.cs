using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Migrations;

/// <summary>
/// A session-level advisory lock on the control database, held while one process migrates the
/// control and region databases. DbUp's journal alone does not stop two processes from running the
/// same script at once on an empty database.
/// </summary>
public sealed class MigrationLock : IAsyncDisposable
{
    private const long Key = 0x43454D_4D494752; // "CEM MIGR"
    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<MigrationLock> AcquireAsync(ControlDatabase control, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Key)", new { Key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.ExecuteAsync("select pg_advisory_unlock(@Key)", new { Key }).ConfigureAwait(false);
        }
        finally
        {
            // Closing the session releases the lock in any case.
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
