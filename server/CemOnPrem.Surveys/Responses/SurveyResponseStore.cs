using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Keeps responses in the invitation's region database (docs/surveys.md, "Responses and what they feed"). Each write
/// locks the invitation's row first and decides on what it finds there (open, completed, closed), never on the caller's
/// copy: two completions racing for one invitation run one after the other, and the second finds it answered.
/// </summary>
internal sealed partial class SurveyResponseStore(
    RegionDatabases regions, ResponseText text, ResponseEvents events, TimeProvider time, ILogger<SurveyResponseStore> logger) : ISurveyResponseStore
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LoadAsync(SurveyInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        await using var connection = await regions.For(invitation.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var response = await ResponseRows.FindAsync(connection, null, invitation.InvitationId, cancellationToken).ConfigureAwait(false);
        return response is null
            ? new Dictionary<string, IReadOnlyList<string>>()
            : await ReadAnswersAsync(connection, null, invitation.Region, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ResponseOutcome> SaveProgressAsync(SurveyInvitation invitation, PublishedSurvey survey,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(answers);
        await using var connection = await regions.For(invitation.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();
        var (refusal, customerId) = await LockOpenAsync(connection, transaction, invitation, now, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var response = await ResponseRows.FindAsync(connection, transaction, invitation.InvitationId, cancellationToken).ConfigureAwait(false);
        var stored = response is null
            ? new Dictionary<string, IReadOnlyList<string>>()
            : await ReadAnswersAsync(connection, transaction, invitation.Region, response, cancellationToken).ConfigureAwait(false);
        var (merged, problems) = ProgressAnswers.Merge(survey.Template, stored, answers, invitation.Attributes);
        if (problems.Count > 0)
        {
            return new ResponseOutcome(ResponseStatus.Invalid, problems, null);
        }

        var responseId = response?.ResponseId
            ?? await ResponseRows.StartAsync(connection, transaction, invitation, customerId, now, cancellationToken).ConfigureAwait(false);
        await WriteAnswersAsync(connection, transaction, invitation.Region, responseId, customerId, AnswerRow.From(survey.Template, merged), now, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ResponseOutcome(ResponseStatus.Stored, [], responseId);
    }

    public async Task<ResponseOutcome> CompleteAsync(SurveyInvitation invitation, PublishedSurvey survey,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(answers);
        var filled = SurveyAnswerKeys.WithoutBlanks(answers);
        var problems = SurveyResponseValidation.Validate(survey.Template, filled, invitation.Attributes, complete: true);
        var rows = AnswerRow.From(survey.Template, problems.Count == 0 ? filled : new Dictionary<string, IReadOnlyList<string>>());

        FinishedResponse finished;
        await using (var connection = await regions.For(invitation.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = Now();
            var (refusal, customerId) = await LockOpenAsync(connection, transaction, invitation, now, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            if (problems.Count > 0)
            {
                return new ResponseOutcome(ResponseStatus.Invalid, problems, null);
            }

            var responseId = (await ResponseRows.FindAsync(connection, transaction, invitation.InvitationId, cancellationToken).ConfigureAwait(false))?.ResponseId
                ?? await ResponseRows.StartAsync(connection, transaction, invitation, customerId, now, cancellationToken).ConfigureAwait(false);
            await WriteAnswersAsync(connection, transaction, invitation.Region, responseId, customerId, rows, now, cancellationToken).ConfigureAwait(false);
            await ResponseRows.CompleteAsync(connection, transaction, responseId, invitation.InvitationId, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            finished = new FinishedResponse(responseId, invitation.Region, invitation.SurveyKey, invitation.SurveyVersion, customerId, invitation.OrgUnit,
                invitation.Journey, invitation.Touchpoint, now);
        }

        // Committed: from here a failure leaves the event to the relay (ResponseEventRelay), and the caller is not told "stored".
        await events.AppendAndMarkAsync(finished, survey.Template, rows, cancellationToken).ConfigureAwait(false);
        LogCompleted(logger, finished.ResponseId, invitation.SurveyKey);
        return new ResponseOutcome(ResponseStatus.Stored, [], finished.ResponseId);
    }

    /// <summary>Locks the invitation's row; a refusal when it is answered or closed, else the customer it is for now.</summary>
    private static async Task<(ResponseOutcome? Refusal, string? CustomerId)> LockOpenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SurveyInvitation invitation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await ResponseRows.LockInvitationAsync(connection, transaction, invitation.InvitationId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return (ResponseOutcome.Of(ResponseStatus.Closed), null);
        }

        if (row.Status == "completed")
        {
            return (ResponseOutcome.Of(ResponseStatus.AlreadyAnswered), null);
        }

        var open = row.Status is "pending" or "sent" && now < new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc));
        return open ? (null, row.CustomerId) : (ResponseOutcome.Of(ResponseStatus.Closed), null);
    }

    private async Task WriteAnswersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, Guid responseId, string? customerId,
        IReadOnlyList<AnswerRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = rows.Any(r => r.Text is not null)
            ? await text.KeyForWriteAsync(connection, transaction, region, responseId, customerId, cancellationToken).ConfigureAwait(false)
            : null;
        var ciphered = rows.Select(r => (r, r.Text is { } plain ? ResponseText.Encrypt(key!, responseId, r.AnswerKey, plain) : null)).ToList();
        await ResponseRows.ReplaceAnswersAsync(connection, transaction, responseId, region, ciphered, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> ReadAnswersAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, ResponseRows.StoredResponse response, CancellationToken cancellationToken)
    {
        var stored = await ResponseRows.AnswersAsync(connection, transaction, response.ResponseId, cancellationToken).ConfigureAwait(false);
        var texts = await text.DecryptAsync(connection, transaction, region, response.ResponseId, response.CustomerId,
            [.. stored.Where(a => a.TextCipher is not null).Select(a => (a.AnswerKey, a.TextCipher!))], cancellationToken).ConfigureAwait(false);
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var answer in stored)
        {
            var row = new AnswerRow(answer.AnswerKey, answer.QuestionId, answer.NumberValue, answer.Choices, texts.GetValueOrDefault(answer.AnswerKey));
            if (row.Values is { } values)
            {
                answers[answer.AnswerKey] = values;
            }
        }

        return answers;
    }

    // PostgreSQL keeps microseconds: the relay rebuilds the event from the stored completed_at, which must equal this one.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey response {ResponseId} to {SurveyKey} completed and in the event log")]
    private static partial void LogCompleted(ILogger logger, Guid responseId, string surveyKey);
}
