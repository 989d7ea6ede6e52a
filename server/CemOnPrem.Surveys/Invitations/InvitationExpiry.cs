using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// Marks unanswered invitations past their <c>expires_at</c> as <c>expired</c> (a link then shows the expired page),
/// and stops the delivery of any that had not gone out yet. One statement: nodes sweeping at once do it once.
/// </summary>
public sealed class InvitationExpiry(RegionDatabases regions, TimeProvider time)
{
    /// <returns>How many invitations expired.</returns>
    public async Task<int> RunOnceAsync(string region, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with expired as (
                update invitations set status = 'expired'
                where invitation_id in (select invitation_id from invitations
                                        where status in ('pending', 'sent') and expires_at <= @now
                                        order by expires_at limit @limit for update skip locked)
                returning invitation_id
            ), stopped as (
                update survey_outbox set state = 'expired', link = null, lease_token = null
                where invitation_id in (select invitation_id from expired) and state in ('waiting', 'pending', 'dead')
            )
            select count(*)::int from expired
            """, new { now = time.GetUtcNow().ToUniversalTime(), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
