using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// Writes invitations and their outbox rows in the caller's transaction. Each gets a fresh token; only its hash goes
/// into <c>invitations</c>, the link with the token only into the outbox row (until delivered). A draft whose decision
/// already has an invitation is skipped (<c>decision_key</c> is unique), so a decision is never sent twice.
/// </summary>
public sealed class InvitationWriter(IOptions<InvitationOptions> options, TimeProvider time)
{
    /// <returns>The invitations written (drafts skipped as already carried out are not among them).</returns>
    public async Task<IReadOnlyList<CreatedInvitation>> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region,
        IReadOnlyList<InvitationDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var made = drafts.Select(draft => (Id: Guid.CreateVersion7(), Token: InvitationTokens.New(), Draft: draft)).ToList();
        var written = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, decision_key, customer_id, org_unit, journey, touchpoint,
                                     attributes, language, channel, token_hash, status, reason, created_at, created_by, send_after, expires_at)
            select t.id, @region, t.survey_key, t.version, t.origin, t.decision_key, t.customer_id, t.org_unit, t.journey, t.touchpoint,
                   t.attributes::jsonb, t.language, t.channel, t.token_hash, t.status, t.reason, @now, t.created_by, t.send_after, t.expires_at
            from unnest(@ids, @keys, @versions, @origins, @decisions, @customers, @units, @journeys, @touchpoints, @attributes, @languages, @channels,
                        @hashes, @statuses, @reasons, @creators, @sendAfters, @expiries)
                 as t (id, survey_key, version, origin, decision_key, customer_id, org_unit, journey, touchpoint, attributes, language, channel,
                       token_hash, status, reason, created_by, send_after, expires_at)
            on conflict (decision_key) do nothing
            returning invitation_id
            """,
            new
            {
                region, now,
                ids = made.Select(m => m.Id).ToArray(),
                keys = made.Select(m => m.Draft.SurveyKey).ToArray(),
                versions = made.Select(m => m.Draft.SurveyVersion).ToArray(),
                origins = made.Select(m => m.Draft.Origin).ToArray(),
                decisions = made.Select(m => m.Draft.DecisionKey).ToArray(),
                customers = made.Select(m => m.Draft.CustomerId).ToArray(),
                units = made.Select(m => m.Draft.OrgUnit).ToArray(),
                journeys = made.Select(m => m.Draft.Journey).ToArray(),
                touchpoints = made.Select(m => m.Draft.Touchpoint).ToArray(),
                attributes = made.Select(m => JsonSerializer.Serialize(m.Draft.Attributes)).ToArray(),
                languages = made.Select(m => m.Draft.Language).ToArray(),
                channels = made.Select(m => m.Draft.Channel).ToArray(),
                hashes = made.Select(m => m.Token.Hash).ToArray(),
                statuses = made.Select(m => m.Draft.SuppressedReason is null ? "pending" : "suppressed").ToArray(),
                reasons = made.Select(m => m.Draft.SuppressedReason).ToArray(),
                creators = made.Select(m => m.Draft.CreatedBy).ToArray(),
                sendAfters = made.Select(m => m.Draft.SendAfter.ToUniversalTime()).ToArray(),
                expiries = made.Select(m => m.Draft.ExpiresAt.ToUniversalTime()).ToArray(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();

        var created = made.Where(m => written.Contains(m.Id))
            .Select(m => new CreatedInvitation(m.Id, options.Value.LinkFor(m.Token.Token), m.Draft)).ToList();
        var toSend = created.Where(c => c.Draft.SuppressedReason is null).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into survey_outbox (invitation_id, region, channel, link, ignore_cap, state, next_attempt_at, created_at)
            select t.id, @region, t.channel, t.link, t.ignore_cap, 'waiting', t.due, @now
            from unnest(@ids, @channels, @links, @ignoreCaps, @dues) as t (id, channel, link, ignore_cap, due)
            """,
            new
            {
                region, now,
                ids = toSend.Select(c => c.InvitationId).ToArray(),
                channels = toSend.Select(c => c.Draft.Channel).ToArray(),
                links = toSend.Select(c => c.Link).ToArray(),
                ignoreCaps = toSend.Select(c => c.Draft.IgnoreFrequencyCap).ToArray(),
                dues = toSend.Select(c => c.Draft.SendAfter.ToUniversalTime()).ToArray(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return created;
    }
}
