using CemOnPrem.Sdk;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Databases;

/// <summary>
/// Ties a region database to its region: records the region in <c>region_identity</c>, refuses a
/// database that belongs to another region, and adds CHECK constraints so that no row of another
/// region can be stored here, whatever code path tries.
/// </summary>
public static class RegionPinning
{
    private static readonly string[] RegionColumnTables = ["customers", "customer_identities", "customer_keys", "events", "customer_analytics", "journeys",
        // privacy (R0010)
        "consent_entries", "analytics_exclusions", "survey_invitations", "legal_holds", "privacy_requests", "erasure_receipts",
        // cases (R0080)
        "cases", "case_history",
        // case notifications' outbox (R0084)
        "case_outbox",
        // case handling (R0081_case_handling)
        "case_keys",
        // surveys (R0090)
        "invitations", "survey_responses", "survey_answers",
        // surveys' distribution outbox (R0092_survey_outbox)
        "survey_outbox",
        // anonymous survey responses' data keys (R0091_survey_response_keys)
        "survey_response_keys",
        // anonymous per-org-unit survey links (R0093_survey_unit_links)
        "survey_unit_links"];

    /// <returns>The database's identity, recorded the first time the region was pinned.</returns>
    public static async Task<Guid> EnsureAsync(NpgsqlDataSource dataSource, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        // The region name goes into DDL below; Codes allows only [a-z0-9._-], so it cannot break out of a literal.
        if (!Codes.IsValid(region))
        {
            throw new ArgumentException($"Region name '{region}' {Codes.Rule}.", nameof(region));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "insert into region_identity (region, database_uuid) values (@region, @uuid) on conflict (singleton) do nothing",
            new { region, uuid = Guid.NewGuid() }, transaction).ConfigureAwait(false);
        var identity = await connection.QuerySingleAsync<(string Region, Guid DatabaseUuid)>(
            "select region, database_uuid from region_identity", transaction: transaction).ConfigureAwait(false);
        if (identity.Region != region)
        {
            throw new RegionMismatchException(
                $"The database configured for region '{region}' belongs to region '{identity.Region}'. " +
                $"Fix Cem:Regions:{region}:ConnectionString.");
        }

        foreach (var table in RegionColumnTables)
        {
            await AddCheckAsync(connection, transaction, table, $"{table}_region_pinned", $"region = '{region}'").ConfigureAwait(false);
        }

        await AddCheckAsync(connection, transaction, "grain_state", "grain_state_region_pinned",
            $"split_part(grain_key, '/', 1) = '{region}'").ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return identity.DatabaseUuid;
    }

    private static async Task AddCheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string name, string condition)
    {
        var exists = await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from pg_constraint where conname = @name and conrelid = @table::regclass)",
            new { name, table }, transaction).ConfigureAwait(false);
        if (!exists)
        {
            await connection.ExecuteAsync($"alter table {table} add constraint {name} check ({condition})", transaction: transaction)
                .ConfigureAwait(false);
        }
    }
}
