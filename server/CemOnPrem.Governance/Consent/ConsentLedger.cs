using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance;

/// <summary>
/// The consent ledger in the customer's region database: append-only entries numbered per (customer, purpose).
/// A change of the <c>analytics</c> purpose updates <c>analytics_exclusions</c> and re-stamps the customer's row in the
/// same transaction, so the projector derives the customer again (and leaves it out, or takes it back in).
/// </summary>
public sealed class ConsentLedger(RegionDatabases regions, ConsentPurposes purposes, TimeProvider time)
{
    public const string AnalyticsPurpose = "analytics";

    /// <returns>The entry written and the customer it was recorded for (the survivor when the id was stitched into another); null when no such customer.</returns>
    public async Task<(string CustomerId, ConsentEntry Entry)?> RecordAsync(string region, string customerId, ConsentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var basis = purposes.BasisOf(change.Purpose) ?? throw new ArgumentException($"Unknown purpose '{change.Purpose}'.", nameof(change));
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var owner = await LockSurvivorAsync(connection, transaction, customerId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into consent_entries (customer_id, region, purpose, version, status, recorded_at, source, policy_version, recorded_by)
            select @owner, @region, @purpose, coalesce(max(version), 0) + 1, @status, @now, @source, @policy, @by
            from consent_entries where customer_id = @owner and purpose = @purpose
            returning version
            """,
            new { owner, region, purpose = change.Purpose, status = change.Status, now, source = change.Source, policy = change.PolicyVersion, by = change.RecordedBy },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (change.Purpose == AnalyticsPurpose)
        {
            var sql = ConsentStatuses.Allows(basis, change.Status)
                ? "delete from analytics_exclusions where customer_id = @owner"
                : "insert into analytics_exclusions (customer_id, region, since) values (@owner, @region, @now) on conflict (customer_id) do nothing";
            await connection.ExecuteAsync(new CommandDefinition(sql + "; update customers set tx = pg_current_xact_id() where customer_id = @owner",
                new { owner, region, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (owner, new ConsentEntry(change.Purpose, version, change.Status, now, change.Source, change.PolicyVersion, change.RecordedBy));
    }

    /// <returns>Every entry of the customer (survivor of stitching), oldest first per purpose; null when no such customer.</returns>
    public async Task<(string CustomerId, IReadOnlyList<ConsentEntry> History)?> ReadAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var owner = await SurvivorAsync(connection, transaction, customerId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        var history = await connection.QueryAsync<ConsentEntry>(new CommandDefinition(
            """
            select purpose, version, status, recorded_at as RecordedAt, source, policy_version as PolicyVersion, recorded_by as RecordedBy
            from consent_entries where customer_id = @owner order by purpose, version
            """, new { owner }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (owner, history.AsList());
    }

    /// <summary>The state of every known purpose (and any purpose with entries) from a customer's history.</summary>
    public IReadOnlyList<ConsentState> CurrentStates(IReadOnlyList<ConsentEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var latest = history.GroupBy(entry => entry.Purpose, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(entry => entry.Version)!, StringComparer.Ordinal);
        return [.. purposes.Known().Union(latest.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(purpose =>
        {
            var basis = purposes.BasisOf(purpose) ?? LegalBasis.Consent;
            var entry = latest.GetValueOrDefault(purpose);
            return new ConsentState(purpose, basis, entry?.Status, entry?.Version, entry?.RecordedAt, ConsentStatuses.Allows(basis, entry?.Status));
        })];
    }

    /// <returns>The customer that owns the id's rows now (itself, or its survivor after stitching); null when no such customer.</returns>
    public async Task<string?> SurvivorOfAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SurvivorAsync(connection, null, customerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows <c>merged_into</c> to the customer that owns the rows now.</summary>
    internal static async Task<string?> SurvivorAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            with recursive chain (customer_id, merged_into, depth) as (
                select customer_id, merged_into, 0 from customers where customer_id = @customerId
                union all
                select c.customer_id, c.merged_into, chain.depth + 1 from customers c join chain on c.customer_id = chain.merged_into where chain.depth < 32)
            select customer_id from chain where merged_into is null
            """, new { customerId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task<string?> LockSurvivorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, CancellationToken cancellationToken)
    {
        var owner = await SurvivorAsync(connection, transaction, customerId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        // Serialises entries of one customer (version numbers) and a concurrent stitch of it.
        var stillSurvivor = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select merged_into is null from customers where customer_id = @owner for update", new { owner }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return stillSurvivor ? owner : await SurvivorAsync(connection, transaction, owner, cancellationToken).ConfigureAwait(false);
    }
}
