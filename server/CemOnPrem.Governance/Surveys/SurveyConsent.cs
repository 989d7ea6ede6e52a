using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Surveys;

/// <summary>
/// Whether customers allow survey purposes now: the latest consent entry per customer and purpose, read through the
/// purpose's legal basis (<see cref="ConsentStatuses.Allows"/>). The trigger observer asks when it decides; the
/// surveys module asks again at send time, so a withdrawal in between stops the invitation.
/// </summary>
public static class SurveyConsent
{
    /// <returns>The (customer, purpose) pairs that are allowed.</returns>
    public static async Task<HashSet<(string CustomerId, string Purpose)>> AllowedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<string> customerIds, IReadOnlyCollection<string> purposeCodes, ConsentPurposes purposes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(purposes);
        var customers = customerIds.Distinct(StringComparer.Ordinal).ToArray();
        var wanted = purposeCodes.Distinct(StringComparer.Ordinal).ToArray();
        var latest = (await connection.QueryAsync<(string CustomerId, string Purpose, string Status)>(new CommandDefinition(
            """
            select distinct on (customer_id, purpose) customer_id, purpose, status from consent_entries
            where customer_id = any(@customers) and purpose = any(@wanted)
            order by customer_id, purpose, version desc
            """, new { customers, wanted }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => (r.CustomerId, r.Purpose), r => r.Status);
        var allowed = new HashSet<(string, string)>();
        foreach (var customer in customers)
        {
            foreach (var purpose in wanted)
            {
                if (purposes.BasisOf(purpose) is { } basis && ConsentStatuses.Allows(basis, latest.GetValueOrDefault((customer, purpose))))
                {
                    allowed.Add((customer, purpose));
                }
            }
        }

        return allowed;
    }
}
