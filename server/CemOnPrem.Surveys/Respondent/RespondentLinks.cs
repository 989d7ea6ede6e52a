using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Dapper;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>What a link token leads to: an open invitation with its survey version, or why it cannot be answered.</summary>
internal sealed class RespondentLinks(InvitationLookup lookup, ISurveyCatalog catalog, RegionDatabases regions, TimeProvider clock)
{
    public async Task<RespondentLink> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (await lookup.FindByTokenAsync(token, cancellationToken).ConfigureAwait(false) is not { } invitation)
        {
            return new(LinkState.Unknown, null, null);
        }

        if (invitation.Status == "completed" || invitation.CompletedAt is not null)
        {
            return new(LinkState.Answered, invitation, null);
        }

        // The version the invitation names, never a newer one: answers are checked against what was sent.
        var survey = await catalog.FindAsync(invitation.SurveyKey, invitation.SurveyVersion, cancellationToken).ConfigureAwait(false);
        return invitation.IsOpen(clock.GetUtcNow()) && survey is not null
            ? new(LinkState.Open, invitation, survey)
            : new(LinkState.Closed, invitation, survey);
    }

    /// <summary>Records the first view (statistics count opened links); the status stays as it is.</summary>
    public async Task MarkOpenedAsync(SurveyInvitation invitation, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(invitation.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "update invitations set opened_at = @now where invitation_id = @id and opened_at is null",
            new { now = clock.GetUtcNow().UtcDateTime, id = invitation.InvitationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}

internal enum LinkState
{
    Unknown,
    Closed,
    Answered,
    Open,
}

/// <param name="Survey">Set when <see cref="State"/> is <see cref="LinkState.Open"/> (and for a closed link whose survey is still known).</param>
internal sealed record RespondentLink(LinkState State, SurveyInvitation? Invitation, PublishedSurvey? Survey);
