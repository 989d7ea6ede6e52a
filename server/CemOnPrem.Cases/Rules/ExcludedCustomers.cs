using CemOnPrem.Analytics.Projection;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Customers who objected to analytics-based processing (<c>analytics_exclusions</c>, kept by the consent ledger). The
/// projection reads them with no events at all; complaint rules still need their events, so they are read here.
/// </summary>
internal static class ExcludedCustomers
{
    public static async Task<HashSet<string>> AmongAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> customers,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            "select customer_id from analytics_exclusions where customer_id = any(@customers)", new { customers = customers.ToArray() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    /// <returns>The customers' events since <paramref name="oldest"/>, per customer in log order (only what rules look at: no identities, no text).</returns>
    public static async Task<Dictionary<string, List<AnalyticsEventRow>>> EventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<string> customers, DateTimeOffset oldest, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, List<AnalyticsEventRow>>(StringComparer.Ordinal);
        if (customers.Count == 0)
        {
            return events;
        }

        await using var command = new NpgsqlCommand(
            """
            select customer_id, seq, kind, touchpoint, org_unit, occurred_at, scores::text, attributes::text from events
            where customer_id = any($1::text[]) and occurred_at >= $2 order by customer_id, seq
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. customers] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = oldest, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = ProjectionSql.ReadEvent(reader);
            if (!events.TryGetValue(row.CustomerId, out var list))
            {
                list = [];
                events[row.CustomerId] = list;
            }

            list.Add(row);
        }

        return events;
    }
}
