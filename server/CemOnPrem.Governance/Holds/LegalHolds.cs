using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Holds;

/// <summary>Places, releases and lists legal holds (region database, table <c>legal_holds</c>).</summary>
public sealed class LegalHolds(RegionDatabases regions, TimeProvider time)
{
    private const string Columns =
        "hold_id as HoldId, region, customer_id as CustomerId, reason, placed_by as PlacedBy, placed_at as PlacedAt, released_by as ReleasedBy, released_at as ReleasedAt";

    /// <returns>The hold, or null when the customer does not exist (a stitched id is held on its survivor).</returns>
    public async Task<LegalHold?> PlaceAsync(string region, string customerId, string reason, string placedBy, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var owner = await ConsentLedger.SurvivorAsync(connection, transaction, customerId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        var hold = new LegalHold(Guid.NewGuid(), region, owner, reason, placedBy, time.GetUtcNow().UtcDateTime, null, null);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into legal_holds (hold_id, customer_id, region, reason, placed_by, placed_at) values (@HoldId, @CustomerId, @Region, @Reason, @PlacedBy, @PlacedAt)",
            hold, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return hold;
    }

    /// <returns>The released hold; null when there is no such hold; the hold unchanged when it was released already.</returns>
    public async Task<LegalHold?> ReleaseAsync(string region, Guid holdId, string releasedBy, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "update legal_holds set released_by = @releasedBy, released_at = @now where hold_id = @holdId and released_at is null",
            new { holdId, releasedBy, now = time.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<LegalHold>(new CommandDefinition(
            $"select {Columns} from legal_holds where hold_id = @holdId", new { holdId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LegalHold>> ListAsync(string region, bool activeOnly, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<LegalHold>(new CommandDefinition(
            $"select {Columns} from legal_holds where (not @activeOnly or released_at is null) order by placed_at",
            new { activeOnly }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>The active holds on any of the customers, read under a share lock so none is placed until the caller commits.</summary>
    internal static async Task<IReadOnlyList<LegalHold>> ActiveOnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> customerIds,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<LegalHold>(new CommandDefinition(
            $"select {Columns} from legal_holds where customer_id = any(@ids) and released_at is null",
            new { ids = customerIds.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
}
