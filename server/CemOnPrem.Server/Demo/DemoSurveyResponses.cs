using System.Text.Json;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Responses;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// For <c>./cem run</c>: about 40 % of the demo's sent invitations (those whose id hashes to 0 or 1 mod 5, the same ones
/// after a restart) are answered through the response store with realistic answers (<see cref="DemoSurveyAnswers"/>),
/// so the demo shows responses, their feedback events in the metrics, and survey statistics. Runs until no new
/// invitation has appeared for a minute.
/// </summary>
internal sealed partial class DemoSurveyResponses(
    IOptions<CemOptions> options, RegionDatabases regions, ISurveyCatalog catalog, ISurveyResponseStore store, DemoInvitations invitations, IHostApplicationLifetime lifetime,
    TimeProvider time, ILogger<DemoSurveyResponses> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private const int QuietPollsBeforeDone = 12;

    private sealed record Row(Guid InvitationId, string Region, string SurveyKey, string SurveyVersion, string Origin, string? CustomerId, string? OrgUnit,
        string? Journey, string? Touchpoint, string Attributes, string Language, string Channel, string Status, DateTime ExpiresAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await DemoStart.WaitAsync(options.Value, lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        var answered = 0;
        for (var quiet = 0; quiet < QuietPollsBeforeDone && !stoppingToken.IsCancellationRequested;)
        {
            await Task.Delay(Poll, time, stoppingToken).ConfigureAwait(false);
            var round = 0;
            foreach (var region in regions.Regions)
            {
                round += await AnswerSomeAsync(region, stoppingToken).ConfigureAwait(false);
            }

            answered += round;
            quiet = round == 0 ? quiet + 1 : 0;
        }

        LogAnswered(logger, answered);
    }

    private async Task<int> AnswerSomeAsync(string region, CancellationToken cancellationToken)
    {
        List<Row> rows;
        await using (var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await invitations.EnsureAsync(connection, region, await catalog.ListAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            rows = (await connection.QueryAsync<Row>(new CommandDefinition(
                """
                select invitation_id as InvitationId, region, survey_key as SurveyKey, survey_version as SurveyVersion, origin, customer_id as CustomerId,
                       org_unit as OrgUnit, journey, touchpoint, attributes::text as Attributes, language, channel, status, expires_at as ExpiresAt
                from invitations i
                where status = 'sent' and expires_at > now() and abs(hashtext(invitation_id::text)) % 5 < 2
                  and not exists (select 1 from survey_responses r where r.invitation_id = i.invitation_id)
                order by created_at limit 50
                """, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        }

        var answered = 0;
        foreach (var row in rows)
        {
            if (await catalog.FindAsync(row.SurveyKey, row.SurveyVersion, cancellationToken).ConfigureAwait(false) is not { } survey)
            {
                continue;
            }

            var invitation = new SurveyInvitation
            {
                InvitationId = row.InvitationId, Region = row.Region, SurveyKey = row.SurveyKey, SurveyVersion = row.SurveyVersion, Origin = row.Origin,
                CustomerId = row.CustomerId, OrgUnit = row.OrgUnit, Journey = row.Journey, Touchpoint = row.Touchpoint,
                Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Attributes) ?? [], Language = row.Language, Channel = row.Channel,
                Status = row.Status, ExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)),
            };
            var answers = DemoSurveyAnswers.For(survey.Template, invitation.Attributes, invitation.Language, row.InvitationId.GetHashCode());
            var outcome = await store.CompleteAsync(invitation, survey, answers, cancellationToken).ConfigureAwait(false);
            answered += outcome.Status == ResponseStatus.Stored ? 1 : 0;
        }

        return answered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo surveys: {Answered} demo invitations answered")]
    private static partial void LogAnswered(ILogger logger, int answered);
}
