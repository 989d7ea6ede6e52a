using Npgsql;
using NpgsqlTypes;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// Moves the rollup contributions of customers whose rows are about to be deleted (erasure, retention) into
/// <c>retired_contributions</c>, a per-cell sum that names nobody. <c>metric_rollups</c> is left as it was, and the
/// verify recompute adds the retired sum to what it derives from the remaining log, so both still agree.
/// Call inside a transaction that holds the region's checkpoint row (<see cref="LockProjectionAsync"/>).
/// </summary>
public static class RetiredContributions
{
    /// <summary>Waits for a running projection cycle of the region and keeps the next one out until commit.</summary>
    public static async Task LockProjectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await ProjectionSql.ExecuteAsync(connection, transaction, "select 1 from analytics_checkpoint for update", cancellationToken).ConfigureAwait(false);

    /// <returns>How many customers had a stored contribution.</returns>
    public static async Task<int> RetireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> customerIds,
        CancellationToken cancellationToken)
    {
        var contributions = await ProjectionSql.ReadContributionsAsync(connection, transaction, customerIds, cancellationToken).ConfigureAwait(false);
        var sum = new RollupCells();
        foreach (var stored in contributions.Values)
        {
            sum.Add(stored.Cells);
        }

        sum.RemoveEmpty();
        if (sum.Count > 0)
        {
            await ProjectionSql.ExecuteAsync(connection, transaction,
                "create temporary table if not exists retired_delta " + ProjectionSql.CellColumns + " on commit delete rows", cancellationToken).ConfigureAwait(false);
            await ProjectionSql.CopyCellsAsync(connection, "retired_delta", sum, cancellationToken).ConfigureAwait(false);
            await ProjectionSql.ExecuteAsync(connection, transaction,
                """
                insert into retired_contributions as r
                select * from retired_delta order by metric, day, org_unit, journey, stage
                on conflict (metric, day, org_unit, journey, stage) do update set
                    n = r.n + excluded.n, a = r.a + excluded.a, b = r.b + excluded.b,
                    s1 = r.s1 + excluded.s1, s2 = r.s2 + excluded.s2,
                    hist = case when cardinality(excluded.hist) = 0 then r.hist else cem_hist_add(r.hist, excluded.hist) end
                """, cancellationToken).ConfigureAwait(false);
        }

        // The count tells projector nodes to forget the histories they hold in memory for the region (R0070).
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("delete from customer_analytics where customer_id = any($1::text[])")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. customerIds] } },
                },
                new NpgsqlBatchCommand("update analytics_checkpoint set erasures = erasures + 1"),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return contributions.Count;
    }

    internal static async Task<RollupCells> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var cells = new RollupCells();
        await using var command = new NpgsqlCommand(
            "select metric, day, org_unit, journey, stage, n, a, b, s1, s2, hist from retired_contributions", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cells[new RollupKey(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))]
                .Add(new RollupValues
                {
                    N = reader.GetInt64(5), A = reader.GetInt64(6), B = reader.GetInt64(7), S1 = reader.GetDecimal(8), S2 = reader.GetDecimal(9),
                    Hist = reader.GetFieldValue<long[]>(10),
                });
        }

        return cells;
    }
}
