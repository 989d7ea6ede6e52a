using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Appends the feedback events of finished responses that have none yet after the grace period: the store commits the
/// response, then appends, so a crash in between leaves the event to this relay. Claims rows with
/// <c>for update skip locked</c> (nodes share the work, each row is held by one of them until its commit), and the
/// event id is the response id, so an event the store did append before crashing is a no-op in the log.
/// </summary>
internal sealed partial class ResponseEventRelay(
    RegionDatabases regions, ResponseEvents events, ISurveyCatalog catalog, IOptions<SurveyResponsesOptions> options, TimeProvider time,
    ILogger<ResponseEventRelay> logger)
{
    private sealed record Row(Guid ResponseId, string Region, string SurveyKey, string SurveyVersion, string? CustomerId, string? OrgUnit, string? Journey,
        string? Touchpoint, DateTime CompletedAt);

    /// <returns>How many events it appended.</returns>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromSeconds(settings.RelayGraceSeconds);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            select r.response_id as ResponseId, r.region, r.survey_key as SurveyKey, r.survey_version as SurveyVersion, r.customer_id as CustomerId,
                   r.org_unit as OrgUnit, i.journey, i.touchpoint, r.completed_at as CompletedAt
            from survey_responses r join invitations i on i.invitation_id = r.invitation_id
            where r.status = 'completed' and r.event_appended_at is null and r.completed_at < @cutoff
            order by r.completed_at limit @limit
            for update of r skip locked
            """, new { cutoff, limit = settings.RelayBatchSize }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var numbers = (await connection.QueryAsync<(Guid ResponseId, string AnswerKey, string QuestionId, int Number)>(new CommandDefinition(
            "select response_id, answer_key, question_id, number_value from survey_answers where response_id = any(@ids) and number_value is not null",
            new { ids = rows.Select(r => r.ResponseId).ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(a => a.ResponseId);
        var appended = 0;
        foreach (var row in rows)
        {
            if (await catalog.FindAsync(row.SurveyKey, row.SurveyVersion, cancellationToken).ConfigureAwait(false) is not { } survey)
            {
                // Its pack is gone: the score keys are unknown, so the event waits until the version is back.
                LogSurveyMissing(logger, row.ResponseId, row.SurveyKey, row.SurveyVersion);
                continue;
            }

            var answers = numbers[row.ResponseId].Select(a => new AnswerRow(a.AnswerKey, a.QuestionId, a.Number, null, null)).ToList();
            var finished = new FinishedResponse(row.ResponseId, row.Region, row.SurveyKey, row.SurveyVersion, row.CustomerId, row.OrgUnit, row.Journey,
                row.Touchpoint, new DateTimeOffset(DateTime.SpecifyKind(row.CompletedAt, DateTimeKind.Utc)));
            await events.AppendAsync(finished, survey.Template, answers, cancellationToken).ConfigureAwait(false);
            await ResponseEvents.MarkAppendedAsync(connection, transaction, row.ResponseId, cancellationToken).ConfigureAwait(false);
            appended++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (appended > 0)
        {
            LogRelayed(logger, appended, region);
        }

        return appended;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Appended {Count} survey feedback events left behind in region {Region}")]
    private static partial void LogRelayed(ILogger logger, int count, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey response {ResponseId} waits for its event: survey {SurveyKey} version {Version} is not in the catalog")]
    private static partial void LogSurveyMissing(ILogger logger, Guid responseId, string surveyKey, string version);
}
