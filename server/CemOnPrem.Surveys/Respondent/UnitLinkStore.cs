using System.Text.Json;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// Anonymous per-org-unit links (<c>survey_unit_links</c>, R0093) and the anonymous invitation each visit makes. A
/// link's token is shown once, when it is made; only its SHA-256 is kept, like an invitation's.
/// </summary>
internal sealed class UnitLinkStore(RegionDatabases regions, TimeProvider clock, IOptions<UnitLinkOptions> options)
{
    private const string Columns =
        "unit_link_id as Id, region, survey_key as SurveyKey, org_unit as OrgUnit, language, created_at as CreatedAt, created_by as CreatedBy, revoked_at as RevokedAt";

    public async Task<(UnitLink Link, string Token)> CreateAsync(string region, string surveyKey, string orgUnit, string language, string createdBy,
        CancellationToken cancellationToken)
    {
        var (token, hash) = InvitationTokens.New();
        var link = new UnitLink(Guid.CreateVersion7(), region, surveyKey, orgUnit, language, clock.GetUtcNow().UtcDateTime, createdBy, null);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_unit_links (unit_link_id, region, survey_key, org_unit, language, token_hash, created_at, created_by)
            values (@Id, @Region, @SurveyKey, @OrgUnit, @Language, @hash, @CreatedAt, @CreatedBy)
            """, new { link.Id, link.Region, link.SurveyKey, link.OrgUnit, link.Language, hash, link.CreatedAt, link.CreatedBy },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (link, token);
    }

    /// <summary>The survey's links in every region this node serves, newest first (revoked ones too, marked).</summary>
    public async Task<IReadOnlyList<UnitLink>> ListAsync(string surveyKey, CancellationToken cancellationToken)
    {
        var links = new List<UnitLink>();
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            links.AddRange(await connection.QueryAsync<UnitLink>(new CommandDefinition(
                $"select {Columns} from survey_unit_links where survey_key = @surveyKey", new { surveyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        return [.. links.OrderByDescending(l => l.CreatedAt)];
    }

    /// <returns>False when the survey has no such link (or it was revoked before).</returns>
    public async Task<bool> RevokeAsync(string surveyKey, Guid id, string revokedBy, CancellationToken cancellationToken)
    {
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var revoked = await connection.ExecuteAsync(new CommandDefinition(
                "update survey_unit_links set revoked_at = @now, revoked_by = @revokedBy where unit_link_id = @id and survey_key = @surveyKey and revoked_at is null",
                new { now = clock.GetUtcNow().UtcDateTime, revokedBy, id, surveyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (revoked == 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The live (not revoked) link behind a token, looked up in every served region by its hash.</summary>
    public async Task<UnitLink?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = InvitationTokens.Hash(token);
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var link = await connection.QuerySingleOrDefaultAsync<UnitLink>(new CommandDefinition(
                $"select {Columns} from survey_unit_links where token_hash = @hash and revoked_at is null", new { hash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (link is not null)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>A visit: a new anonymous invitation to the survey's current version at the link's unit; returns its token.</summary>
    public async Task<string> VisitAsync(UnitLink link, PublishedSurvey survey, CancellationToken cancellationToken)
    {
        var (token, hash) = InvitationTokens.New();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await regions.For(link.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, org_unit, attributes, language, channel, token_hash,
                status, created_at, created_by, send_after, sent_at, expires_at)
            values (@id, @region, @surveyKey, @version, 'anonymous', @orgUnit, @attributes::jsonb, @language, 'anonymous', @hash,
                'sent', @now, @createdBy, @now, @now, @expires)
            """, new
        {
            id = Guid.CreateVersion7(), region = link.Region, surveyKey = link.SurveyKey, version = survey.Version, orgUnit = link.OrgUnit,
            attributes = JsonSerializer.Serialize(new Dictionary<string, string>()), language = link.Language, hash, now,
            createdBy = "unit-link:" + link.Id, expires = now.AddHours(options.Value.InvitationHours),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return token;
    }
}
