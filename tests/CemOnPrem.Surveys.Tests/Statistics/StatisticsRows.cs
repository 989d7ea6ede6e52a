using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Tests.Statistics;

/// <summary>
/// Writes invitations, responses and answers straight into R0090's tables, as the invitations, distribution,
/// respondent and responses parts would leave them (no customer: the columns statistics read do not need one).
/// </summary>
internal static class StatisticsRows
{
    public static readonly DateTimeOffset Day = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);

    /// <param name="answeredAfter">Time from sent to completed; null for an invitation never completed.</param>
    public static async Task<Guid> InvitationAsync(
        NpgsqlDataSource region, string regionName, string key, string channel, string? orgUnit, string status, TimeSpan? answeredAfter = null,
        bool started = false, string? reason = null, DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? Day;
        var sent = status is "suppressed" or "pending" ? (DateTimeOffset?)null : created.AddMinutes(5);
        var completed = answeredAfter is { } after ? sent!.Value + after : (DateTimeOffset?)null;
        var id = Guid.NewGuid();
        await using var connection = await region.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, org_unit, language, channel, token_hash, status, reason,
                created_at, created_by, send_after, sent_at, delivered_at, opened_at, started_at, completed_at, expires_at)
            values (@id, @regionName, @key, '1', 'manual', @orgUnit, 'en', @channel, @hash, @status, @reason,
                @created, 'test', @created, @sent, @sent, @opened, @startedAt, @completed, @expires)
            """,
            new
            {
                id, regionName, key, orgUnit, channel, hash = RandomNumberGenerator.GetBytes(32), status, reason, created, sent,
                opened = completed ?? (started ? sent : null), startedAt = completed ?? (started ? sent : null), completed,
                expires = created.AddDays(status == "expired" ? -1 : 14),
            });
        return id;
    }

    /// <summary>A completed response with its answers: numbers, picked options, or free text (stored as a placeholder cipher).</summary>
    public static async Task ResponseAsync(NpgsqlDataSource region, string regionName, Guid invitation, string key, string? orgUnit,
        params (string Key, int? Number, string[]? Choices, bool Text)[] answers)
    {
        var response = Guid.NewGuid();
        await using var connection = await region.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            insert into survey_responses (response_id, region, invitation_id, survey_key, survey_version, org_unit, language, status, started_at, updated_at, completed_at)
            values (@response, @regionName, @invitation, @key, '1', @orgUnit, 'en', 'completed', @at, @at, @at)
            """, new { response, regionName, invitation, key, orgUnit, at = Day.AddHours(1) });
        foreach (var (answerKey, number, choices, text) in answers)
        {
            await connection.ExecuteAsync(
                """
                insert into survey_answers (response_id, region, answer_key, question_id, number_value, choices, text_cipher)
                values (@response, @regionName, @answerKey, split_part(@answerKey, '/', 1), @number, @choices, @cipher)
                """, new { response, regionName, answerKey, number, choices, cipher = text ? new byte[] { 1, 2, 3 } : null });
        }
    }
}
