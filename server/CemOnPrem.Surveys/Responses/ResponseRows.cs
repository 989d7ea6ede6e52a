using CemOnPrem.Surveys.Invitations;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The statements of <see cref="SurveyResponseStore"/>. Every write first locks the invitation's row
/// (<see cref="LockInvitationAsync"/>): saves and completions of one invitation run one after another, so two concurrent
/// completions cannot both see an open invitation (and the unique <c>survey_responses.invitation_id</c> backs that up).
/// </summary>
internal static class ResponseRows
{
    public sealed record LockedInvitation(string Status, DateTime ExpiresAt, string? CustomerId);

    public sealed record StoredResponse(Guid ResponseId, string Status, string? CustomerId);

    /// <summary>A row of <c>survey_answers</c>; settable properties because Dapper reads <c>text[]</c> by property, not by constructor.</summary>
    public sealed class StoredAnswer
    {
        public string AnswerKey { get; init; } = "";

        public string QuestionId { get; init; } = "";

        public int? NumberValue { get; init; }

        public string[]? Choices { get; init; }

        public byte[]? TextCipher { get; init; }
    }

    public static Task<LockedInvitation?> LockInvitationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid invitationId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<LockedInvitation>(new CommandDefinition(
            "select status, expires_at as ExpiresAt, customer_id as CustomerId from invitations where invitation_id = @invitationId for update",
            new { invitationId }, transaction, cancellationToken: cancellationToken));

    public static Task<StoredResponse?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid invitationId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
            "select response_id as ResponseId, status, customer_id as CustomerId from survey_responses where invitation_id = @invitationId",
            new { invitationId }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<StoredAnswer>> AnswersAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid responseId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<StoredAnswer>(new CommandDefinition(
            "select answer_key as AnswerKey, question_id as QuestionId, number_value as NumberValue, choices, text_cipher as TextCipher " +
            "from survey_answers where response_id = @responseId order by answer_key",
            new { responseId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <summary>Creates the in-progress response of an invitation (its first save) and marks the invitation started.</summary>
    public static async Task<Guid> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SurveyInvitation invitation, string? customerId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var responseId = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into survey_responses (response_id, region, invitation_id, survey_key, survey_version, customer_id, org_unit, language, status, started_at, updated_at)
            values (@responseId, @Region, @InvitationId, @SurveyKey, @SurveyVersion, @customerId, @OrgUnit, @Language, 'in-progress', @now, @now);
            update invitations set started_at = coalesce(started_at, @now) where invitation_id = @InvitationId;
            """,
            new { responseId, invitation.Region, invitation.InvitationId, invitation.SurveyKey, invitation.SurveyVersion, customerId, invitation.OrgUnit, invitation.Language, now },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return responseId;
    }

    /// <summary>Makes the stored answers exactly <paramref name="rows"/>: keys not among them are removed, the others upserted.</summary>
    public static async Task ReplaceAnswersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid responseId, string region,
        IReadOnlyList<(AnswerRow Row, byte[]? Cipher)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            delete from survey_answers where response_id = @responseId and answer_key <> all(@keys);
            insert into survey_answers (response_id, region, answer_key, question_id, number_value, choices, text_cipher)
            select @responseId, @region, k, q, n, case when c = '' then null else string_to_array(c, chr(31)) end, t
            from unnest(@keys, @questions, @numbers, @choices, @texts) as a(k, q, n, c, t)
            on conflict (response_id, answer_key) do update
              set question_id = excluded.question_id, number_value = excluded.number_value, choices = excluded.choices, text_cipher = excluded.text_cipher;
            update survey_responses set updated_at = @now where response_id = @responseId;
            """,
            new
            {
                responseId,
                region,
                keys = rows.Select(r => r.Row.AnswerKey).ToArray(),
                questions = rows.Select(r => r.Row.QuestionId).ToArray(),
                numbers = rows.Select(r => r.Row.Number).ToArray(),
                // text[][] cannot be unnested row by row, so the options travel joined by the unit separator (never in an option id).
                choices = rows.Select(r => r.Row.Choices is { } c ? string.Join('\u001f', c) : "").ToArray(),
                texts = rows.Select(r => r.Cipher).ToArray(),
                now,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Finishes the response and its invitation in the caller's transaction.</summary>
    public static Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid responseId, Guid invitationId, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            update survey_responses set status = 'completed', completed_at = @now, updated_at = @now where response_id = @responseId;
            update invitations set status = 'completed', completed_at = @now, started_at = coalesce(started_at, @now) where invitation_id = @invitationId;
            """,
            new { responseId, invitationId, now }, transaction, cancellationToken: cancellationToken));
}
