using CemOnPrem.Cases.Calendars;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Distribution;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// Makes an invitation by hand with the same rules as a trigger's: consent and the frequency cap are checked now (and
/// again when it goes out), quiet hours hold back an e-mail or webhook. A <c>link</c> invitation is sent at once: the
/// caller receives the link. A refused one is kept as <c>suppressed</c> with its reason (no link).
/// </summary>
public sealed class ManualInvitations(
    RegionDatabases regions, ISurveyCatalog catalog, ChannelChoice channels, SendTimeChecks checks, InvitationWriter writer, CalendarCache calendars,
    IOptions<InvitationOptions> options, TimeProvider time)
{
    public const int MaxExpiryDays = 365;

    /// <returns>Null when the survey is not published; else the result.</returns>
    public async Task<ManualInvitationResult?> CreateAsync(ManualInvitation request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await catalog.FindAsync(request.SurveyKey, null, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return null;
        }

        var settings = options.Value;
        if (request.Language is { } asked && !survey.Languages.Contains(asked, StringComparer.Ordinal))
        {
            return ManualInvitationResult.Invalid("language", $"must be one of the survey's languages: {string.Join(", ", survey.Languages)}.");
        }

        if ((request.Channel == ChannelChoice.Email && !channels.EmailEnabled) || (request.Channel == ChannelChoice.Webhook && !channels.GatewayEnabled))
        {
            return ManualInvitationResult.Invalid("channel", $"'{request.Channel}' is not configured on this server (Cem:Surveys:Smtp / Cem:Surveys:Gateway); use link.");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var sendAfter = request.Channel == ChannelChoice.Link ? now
            : QuietHours.SendAfter(now, (await calendars.GetAsync(request.Region, cancellationToken).ConfigureAwait(false)).Zone, settings.QuietHours);
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var refusal = await checks.RefusalAsync(connection, transaction, request.CustomerId, survey.Template.ConsentPurpose, request.IgnoreFrequencyCap,
            cancellationToken).ConfigureAwait(false);
        var draft = new InvitationDraft
        {
            Region = request.Region,
            SurveyKey = survey.Key,
            SurveyVersion = survey.Version,
            Origin = "manual",
            CustomerId = request.CustomerId,
            OrgUnit = request.OrgUnit,
            Language = request.Language ?? InvitationLanguage.Choose(null, settings.LanguageOf(request.Region), survey.Languages),
            Channel = request.Channel,
            CreatedBy = request.CreatedBy,
            SendAfter = sendAfter,
            ExpiresAt = sendAfter.AddDays(request.ExpiresInDays ?? settings.ExpiryDays),
            IgnoreFrequencyCap = request.IgnoreFrequencyCap,
            SuppressedReason = refusal,
        };
        var created = (await writer.WriteAsync(connection, transaction, request.Region, [draft], cancellationToken).ConfigureAwait(false))[0];
        var status = refusal is null ? "pending" : "suppressed";
        if (refusal is null && request.Channel == ChannelChoice.Link)
        {
            // Nothing to deliver: the answer carries the link, so it is sent now and counts against the cap from now.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                update invitations set status = 'sent', sent_at = @now where invitation_id = @id;
                update survey_outbox set state = 'delivered', link = null, delivered_at = @now where invitation_id = @id;
                """, new { id = created.InvitationId, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            status = "sent";
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ManualInvitationResult(refusal is null ? created : created with { Link = "" }, status, refusal, null, null);
    }
}
