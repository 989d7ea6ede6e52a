using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Dapper;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// The send-time gate of a round's claimed, waiting deliveries: each invitation must still be pending and unexpired,
/// its survey version still published, and <see cref="SendTimeChecks"/> must pass. The ones that pass become
/// <c>pending</c> (they now count against the frequency cap); the others' invitations are suppressed (or expired) and
/// their links dropped. One transaction for the whole round, written only while the round's lease token holds.
/// </summary>
public sealed class InvitationRelease(RegionDatabases regions, ISurveyCatalog catalog, SendTimeChecks checks, TimeProvider time)
{
    /// <returns>The ids that may be delivered now.</returns>
    public async Task<IReadOnlySet<Guid>> ReleaseAsync(string region, IReadOnlyList<ClaimedDelivery> rows, Guid token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var refusals = new Dictionary<Guid, string>();
        var candidates = new List<SendCandidate>();
        var surveys = new Dictionary<(string, string), PublishedSurvey?>();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            if (row.InvitationStatus != "pending" || row.Expires <= now)
            {
                refusals[row.Id] = row.InvitationStatus == "pending" ? "expired" : "not-pending";
                continue;
            }

            var key = (row.SurveyKey, row.SurveyVersion);
            if (!surveys.TryGetValue(key, out var survey))
            {
                surveys[key] = survey = await catalog.FindAsync(row.SurveyKey, row.SurveyVersion, cancellationToken).ConfigureAwait(false);
            }

            if (survey is null)
            {
                refusals[row.Id] = "survey-unavailable";
            }
            else if (row.CustomerId is { } customerId)
            {
                candidates.Add(new SendCandidate(row.Id, customerId, survey.Template.ConsentPurpose, row.IgnoreCap));
            }
        }

        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (id, reason) in await checks.RefusalsAsync(connection, transaction, candidates, cancellationToken).ConfigureAwait(false))
        {
            refusals[id] = reason;
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var written = (await connection.QueryAsync<(Guid Id, string? Refusal)>(new CommandDefinition(
            """
            update survey_outbox o
            set state = case when t.refusal is null then 'pending' when t.refusal = 'expired' then 'expired' else 'suppressed' end,
                attempts = case when t.refusal is null then 1 else o.attempts end,
                link = case when t.refusal is null then o.link end,
                lease_token = case when t.refusal is null then o.lease_token end
            from unnest(@ids, @reasons) as t (id, refusal)
            where o.invitation_id = t.id and o.lease_token = @token
            returning o.invitation_id, t.refusal
            """, new { ids, reasons = ids.Select(id => refusals.GetValueOrDefault(id)).ToArray(), token }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var refused = written.Where(w => w.Refusal is not null and not "not-pending").ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update invitations i
            set status = case when t.refusal = 'expired' then 'expired' else 'suppressed' end,
                reason = case when t.refusal = 'expired' then i.reason else t.refusal end
            from unnest(@ids, @reasons) as t (id, refusal)
            where i.invitation_id = t.id and i.status = 'pending'
            """, new { ids = refused.Select(r => r.Id).ToArray(), reasons = refused.Select(r => r.Refusal).ToArray() }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written.Where(w => w.Refusal is null).Select(w => w.Id).ToHashSet();
    }
}
