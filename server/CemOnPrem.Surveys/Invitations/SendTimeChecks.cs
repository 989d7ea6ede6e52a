using CemOnPrem.Governance;
using CemOnPrem.Governance.Surveys;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// The rules checked when invitations are about to go out (and when one is made by hand): the customer still allows
/// the survey's consent purpose (<see cref="SurveyConsent"/>, as the trigger observer asked), and the frequency cap
/// across all surveys is not reached. The check takes per-customer advisory locks for the caller's transaction (in one
/// order on every node, so nodes never deadlock), so two nodes releasing invitations of one customer at once cannot
/// both pass the cap. A batch is checked with one consent query and one count.
/// </summary>
public sealed class SendTimeChecks(ConsentPurposes purposes, IOptions<InvitationOptions> options, TimeProvider time)
{
    public const string FrequencyCap = "frequency-cap";

    /// <returns>The refused candidates with their reason (<c>no-consent:{purpose}</c> or <c>frequency-cap</c>); the others may go out, in order.</returns>
    public async Task<Dictionary<Guid, string>> RefusalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SendCandidate> candidates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(candidates);
        var refusals = new Dictionary<Guid, string>();
        if (candidates.Count == 0)
        {
            return refusals;
        }

        var customers = candidates.Select(c => c.CustomerId).Distinct(StringComparer.Ordinal).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(k) from (select hashtextextended('survey-cap:' || c, 0) as k from unnest(@customers) as c order by 1) as s",
            new { customers }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var allowed = await SurveyConsent.AllowedAsync(connection, transaction, customers, [.. candidates.Select(c => c.Purpose).Distinct(StringComparer.Ordinal)],
            purposes, cancellationToken).ConfigureAwait(false);
        var cap = options.Value.FrequencyCap;
        // Counted: invitations sent within the window, and those released and still being delivered.
        var counted = cap.Days == 0 ? [] : (await connection.QueryAsync<(string CustomerId, long Count)>(new CommandDefinition(
            """
            select i.customer_id, count(*) from invitations i left join survey_outbox o on o.invitation_id = i.invitation_id
            where i.customer_id = any(@customers) and (i.sent_at >= @since or o.state = 'pending')
            group by i.customer_id
            """, new { customers, since = time.GetUtcNow().ToUniversalTime().AddDays(-cap.Days) }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(r => r.CustomerId, r => r.Count, StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (!allowed.Contains((candidate.CustomerId, candidate.Purpose)))
            {
                refusals[candidate.InvitationId] = "no-consent:" + candidate.Purpose;
                continue;
            }

            var used = counted.GetValueOrDefault(candidate.CustomerId);
            if (cap.Days > 0 && !candidate.IgnoreCap && used >= cap.MaxInvitations)
            {
                refusals[candidate.InvitationId] = FrequencyCap;
                continue;
            }

            counted[candidate.CustomerId] = used + 1; // a released one counts for the next of the same customer
        }

        return refusals;
    }

    /// <returns>Null when one invitation may go out; else the reason.</returns>
    public async Task<string?> RefusalAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, string purpose, bool ignoreCap,
        CancellationToken cancellationToken)
    {
        var candidate = new SendCandidate(Guid.Empty, customerId, purpose, ignoreCap);
        return (await RefusalsAsync(connection, transaction, [candidate], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(Guid.Empty);
    }
}
