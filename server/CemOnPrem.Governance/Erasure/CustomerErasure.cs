using System.Globalization;
using CemOnPrem.Governance.Holds;
using CemOnPrem.Analytics.Projection;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Erasure;

/// <summary>What an erasure removed: rows per table (<see cref="ErasureTables"/>) and how many stitched customer ids it covered.</summary>
public sealed record ErasedRows(int Customers, IReadOnlyDictionary<string, long> Rows);

/// <summary>
/// Deletes every row of a customer and of every customer stitched into it, inside the caller's transaction: waits for
/// the region's projection (checkpoint lock), locks the customers' rows (a hold being placed meanwhile waits and then
/// finds no customer), refuses when one of them is under legal hold, moves their rollup contributions into the
/// retired aggregate, then deletes from each table of <see cref="ErasureTables.Erased"/> and the grains' stored state.
/// </summary>
internal static class CustomerErasure
{
    /// <returns>The rows removed, or the active holds that forbid it (nothing is removed then).</returns>
    public static async Task<(ErasedRows? Erased, IReadOnlyList<LegalHold> Holds)> EraseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string region, string customerId, CancellationToken cancellationToken)
    {
        await RetiredContributions.LockProjectionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var root = await ConsentLedger.SurvivorAsync(connection, transaction, customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            with recursive subject (customer_id) as (
                select customer_id from customers where customer_id = @root
                union
                select c.customer_id from customers c join subject s on c.merged_into = s.customer_id)
            select customer_id from customers where customer_id in (select customer_id from subject) order by customer_id for update
            """, new { root }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (ids.Count == 0)
        {
            return (new ErasedRows(0, new Dictionary<string, long>()), []);
        }

        var holds = await LegalHolds.ActiveOnAsync(connection, transaction, ids, cancellationToken).ConfigureAwait(false);
        if (holds.Count > 0)
        {
            return (null, holds);
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["customer_analytics"] = await RetiredContributions.RetireAsync(connection, transaction, ids, cancellationToken).ConfigureAwait(false),
        };
        var array = ids.ToArray();
        // Stitched customers point at their survivor: clear the links so the customers rows go in one statement.
        await connection.ExecuteAsync(new CommandDefinition("update customers set merged_into = null where customer_id = any(@array)", new { array },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Cases are kept as a handling record without the customer (ErasureTables.Kept); must precede deleting customers (foreign key).
        rows["cases"] = await CaseUnlinking.UnlinkAsync(connection, transaction, array, cancellationToken).ConfigureAwait(false);
        // Survey invitations and responses likewise stay as aggregate records without the customer (SurveyUnlinking).
        (rows["survey_responses"], rows["invitations"]) = await SurveyUnlinking.UnlinkAsync(connection, transaction, array, cancellationToken).ConfigureAwait(false);
        foreach (var table in ErasureTables.Erased)
        {
            // Table names come from the constant list above, never from input.
            var deleted = await connection.ExecuteAsync(new CommandDefinition($"delete from {table} where customer_id = any(@array)", new { array },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            rows[table] = rows.GetValueOrDefault(table) + deleted;
        }

        var keys = ids.Select(id => string.Create(CultureInfo.InvariantCulture, $"{region}/{id}")).ToArray();
        rows["grain_state"] = await connection.ExecuteAsync(new CommandDefinition("delete from grain_state where grain_key = any(@keys)", new { keys },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (new ErasedRows(ids.Count, rows), []);
    }
}
