using System.Collections.Concurrent;
using CemOnPrem.Delivery;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// Delivers due survey outbox rows, as the cases' outbox does: a claim is a short transaction that moves
/// <c>next_attempt_at</c> to the lease's end and stamps a lease token; the round's waiting rows pass the send-time
/// gate (<see cref="InvitationRelease"/>) together; the SMTP exchanges and HTTP calls run outside any transaction; the
/// results and the invitations' statuses are written in one statement, only where the lease token still holds. A
/// node that dies mid-round leaves its rows to come due again when the lease ends: delivery is at least once,
/// de-duplicated by the invitation id. Gate and record are one commit each per round, not per invitation.
/// </summary>
public sealed class SurveyOutboxDispatcher(RegionDatabases regions, InvitationRelease release, InvitationDelivery delivery, IOptions<DistributionOptions> options)
{
    /// <returns>How many rows were claimed.</returns>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = Guid.NewGuid();
        var source = regions.For(region);
        List<ClaimedDelivery> claimed;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed = [.. await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition(
                """
                update survey_outbox o
                set next_attempt_at = now() + make_interval(secs => @lease), lease_token = @token,
                    attempts = o.attempts + case when o.state = 'pending' then 1 else 0 end
                from invitations i
                where i.invitation_id = o.invitation_id
                  and o.invitation_id in (select invitation_id from survey_outbox where state in ('waiting', 'pending') and next_attempt_at <= now()
                                          order by next_attempt_at limit @limit for update skip locked)
                returning o.invitation_id as Id, o.region, o.state, o.channel, o.link, o.ignore_cap as IgnoreCap, o.attempts, i.customer_id as CustomerId,
                          i.survey_key as SurveyKey, i.survey_version as SurveyVersion, i.language, i.status as InvitationStatus, i.expires_at as ExpiresAt
                """, new { lease = settings.LeaseSeconds, token, limit = settings.BatchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var waiting = claimed.Where(r => r.State == "waiting").ToList();
        var released = waiting.Count == 0 ? new HashSet<Guid>() : await release.ReleaseAsync(region, waiting, token, cancellationToken).ConfigureAwait(false);
        var outcomes = new ConcurrentBag<(Guid Id, AttemptOutcome Outcome, bool Confirmed)>();
        await Parallel.ForEachAsync(claimed.Where(r => r.State == "pending" || released.Contains(r.Id)),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
            {
                var (result, confirmed) = await delivery.DeliverAsync(row, ct).ConfigureAwait(false);
                outcomes.Add((row.Id, AttemptOutcome.Of(result, row.State == "waiting" ? 1 : row.Attempts, settings), confirmed));
            }).ConfigureAwait(false);
        await RecordAsync(source, token, [.. outcomes], cancellationToken).ConfigureAwait(false);
        return claimed.Count;
    }

    private static async Task RecordAsync(Npgsql.NpgsqlDataSource source, Guid token, IReadOnlyList<(Guid Id, AttemptOutcome Outcome, bool Confirmed)> outcomes,
        CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The link leaves the database once delivered; a dead row keeps it so that an admin's retry can still deliver it.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            with o as (
                update survey_outbox o
                set state = t.state, lease_token = null, last_error = t.error,
                    delivered_at = case when t.state = 'delivered' then now() end,
                    link = case when t.state = 'delivered' then null else o.link end,
                    next_attempt_at = now() + make_interval(secs => t.delay)
                from unnest(@ids, @states, @errors, @delays, @confirmed) as t (id, state, error, delay, confirmed)
                where o.invitation_id = t.id and o.lease_token = @token
                returning o.invitation_id, o.state, t.confirmed
            )
            update invitations i
            set status = case o.state when 'delivered' then 'sent' when 'dead' then 'failed' else i.status end,
                reason = case when o.state = 'dead' then 'delivery-failed' else i.reason end,
                sent_at = case when o.state = 'delivered' then now() else i.sent_at end,
                delivered_at = case when o.state = 'delivered' and o.confirmed then now() else i.delivered_at end
            from o
            where i.invitation_id = o.invitation_id and i.status = 'pending'
            """,
            new
            {
                ids = outcomes.Select(o => o.Id).ToArray(),
                states = outcomes.Select(o => o.Outcome.State).ToArray(),
                errors = outcomes.Select(o => o.Outcome.Error).ToArray(),
                delays = outcomes.Select(o => o.Outcome.DelaySeconds).ToArray(),
                confirmed = outcomes.Select(o => o.Confirmed).ToArray(),
                token,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
