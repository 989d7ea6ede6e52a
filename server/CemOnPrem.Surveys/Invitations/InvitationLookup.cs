using System.Text.Json;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// Finds the invitation behind a link token. The link names no region (it carries nothing but the token), so the
/// look-up asks each region database this node serves, by the unique token hash; a node that does not serve the
/// invitation's region does not find it, like an unknown link.
/// </summary>
public sealed class InvitationLookup(RegionDatabases regions)
{
    public async Task<SurveyInvitation?> FindByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!InvitationTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = InvitationTokens.Hash(token!);
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
                $"select {InvitationRow.Columns} from invitations where token_hash = @hash", new { hash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is not null)
            {
                return row.ToInvitation();
            }
        }

        return null;
    }
}

/// <summary>The columns of <c>invitations</c> that make a <see cref="SurveyInvitation"/>.</summary>
internal sealed record InvitationRow(
    Guid InvitationId, string Region, string SurveyKey, string SurveyVersion, string Origin, string? CustomerId, string? OrgUnit, string? Journey,
    string? Touchpoint, string Attributes, string Language, string Channel, string Status, DateTime ExpiresAt, DateTime? CompletedAt)
{
    public const string Columns =
        "invitation_id as InvitationId, region, survey_key as SurveyKey, survey_version as SurveyVersion, origin, customer_id as CustomerId, " +
        "org_unit as OrgUnit, journey, touchpoint, attributes::text as attributes, language, channel, status, expires_at as ExpiresAt, " +
        "completed_at as CompletedAt";

    public SurveyInvitation ToInvitation() => new()
    {
        InvitationId = InvitationId,
        Region = Region,
        SurveyKey = SurveyKey,
        SurveyVersion = SurveyVersion,
        Origin = Origin,
        CustomerId = CustomerId,
        OrgUnit = OrgUnit,
        Journey = Journey,
        Touchpoint = Touchpoint,
        Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [],
        Language = Language,
        Channel = Channel,
        Status = Status,
        ExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc)),
        CompletedAt = CompletedAt is { } completed ? new DateTimeOffset(DateTime.SpecifyKind(completed, DateTimeKind.Utc)) : null,
    };
}
