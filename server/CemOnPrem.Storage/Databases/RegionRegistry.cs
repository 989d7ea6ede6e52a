using Dapper;

namespace CemOnPrem.Storage.Databases;

/// <summary>
/// Records in the control database which physical database serves each region, and refuses to
/// start when a region's connection now points at a different one (e.g. a new empty database
/// after a typo), which would otherwise split a region's data silently.
/// </summary>
public static class RegionRegistry
{
    public static async Task RegisterAsync(ControlDatabase control, string region, Guid databaseUuid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var registered = await connection.QuerySingleAsync<Guid>(
            """
            insert into regions (region, database_uuid) values (@region, @databaseUuid)
            on conflict (region) do update set region = excluded.region
            returning database_uuid
            """,
            new { region, databaseUuid }).ConfigureAwait(false);
        if (registered != databaseUuid)
        {
            throw new RegionMismatchException(
                $"Region '{region}' is registered with database {registered}, but Cem:Regions:{region}:ConnectionString " +
                $"now points at database {databaseUuid}. Restore the right connection string; if the move was intended, " +
                "update the regions table in the control database after checking that no data was left behind.");
        }
    }
}
