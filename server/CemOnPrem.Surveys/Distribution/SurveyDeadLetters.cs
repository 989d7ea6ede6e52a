using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// The survey outbox rows that are dead, per region, and putting one back to be delivered: its invitation is pending
/// again and the row waits at the send-time gate, so consent and the frequency cap are checked anew.
/// </summary>
public sealed class SurveyDeadLetters(RegionDatabases regions)
{
    public const int PageSize = 200;

    private const string Columns =
        "o.invitation_id as InvitationId, o.region, i.survey_key as SurveyKey, o.channel, o.attempts, o.last_error as LastError, o.created_at as CreatedAt";

    public async Task<IReadOnlyList<SurveyDeadLetter>> ListAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            select {Columns} from survey_outbox o join invitations i on i.invitation_id = o.invitation_id
            where o.state = 'dead' order by o.created_at desc, o.invitation_id limit @limit
            """, new { limit = PageSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToDeadLetter())];
    }

    /// <returns>The delivery, due now with its attempts reset; null when no dead delivery of an unexpired invitation has that id.</returns>
    public async Task<SurveyDeadLetter?> RetryAsync(string region, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            with i as (
                update invitations set status = 'pending', reason = null
                where invitation_id = @id and status = 'failed' and expires_at > now()
                returning invitation_id, survey_key
            ), o as (
                update survey_outbox set state = 'waiting', attempts = 0, next_attempt_at = now(), lease_token = null
                where invitation_id = (select invitation_id from i) and state = 'dead'
                returning *
            )
            select {Columns} from o join i on i.invitation_id = o.invitation_id
            """, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDeadLetter();
    }

    private sealed record Row(Guid InvitationId, string Region, string SurveyKey, string Channel, int Attempts, string? LastError, DateTime CreatedAt)
    {
        public SurveyDeadLetter ToDeadLetter() =>
            new(InvitationId, Region, SurveyKey, Channel, Attempts, LastError, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
