using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>Reads responses with their answers from a region database, decrypting free text only when asked to.</summary>
internal sealed class SurveyResponseReader(RegionDatabases regions, ResponseText text)
{
    // A customer answers a handful of surveys a year; the bound keeps a pathological account from one huge answer.
    public const int MaxResponsesPerCustomer = 500;

    private sealed record Row(Guid ResponseId, string Region, string SurveyKey, string SurveyVersion, string? CustomerId, string? OrgUnit, string Language,
        string Status, DateTime StartedAt, DateTime? CompletedAt);

    private const string Columns =
        "response_id as ResponseId, region, survey_key as SurveyKey, survey_version as SurveyVersion, customer_id as CustomerId, org_unit as OrgUnit, " +
        "language, status, started_at as StartedAt, completed_at as CompletedAt";

    public async Task<IReadOnlyList<SurveyResponseView>> ForCustomerAsync(string region, string customerId, bool withText, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from survey_responses where customer_id = @customerId order by started_at desc limit {MaxResponsesPerCustomer}",
            new { customerId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var views = new List<SurveyResponseView>();
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(connection, row, withText, cancellationToken).ConfigureAwait(false));
        }

        return views;
    }

    public async Task<SurveyResponseView?> FindAsync(string region, Guid responseId, bool withText, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from survey_responses where response_id = @responseId", new { responseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : await ViewAsync(connection, row, withText, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SurveyResponseView> ViewAsync(NpgsqlConnection connection, Row row, bool withText, CancellationToken cancellationToken)
    {
        var answers = await ResponseRows.AnswersAsync(connection, null, row.ResponseId, cancellationToken).ConfigureAwait(false);
        var texts = withText
            ? await text.DecryptAsync(connection, null, row.Region, row.ResponseId, row.CustomerId,
                [.. answers.Where(a => a.TextCipher is not null).Select(a => (a.AnswerKey, a.TextCipher!))], cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, string?>();
        return new SurveyResponseView(row.ResponseId, row.Region, row.SurveyKey, row.SurveyVersion, row.CustomerId, row.OrgUnit, row.Language, row.Status,
            Utc(row.StartedAt), row.CompletedAt is { } completed ? Utc(completed) : null,
            [.. answers.Select(a =>
            {
                var plain = a.TextCipher is null ? null : texts.GetValueOrDefault(a.AnswerKey);
                return new SurveyAnswerView(a.AnswerKey, a.QuestionId, a.NumberValue, a.Choices, plain, a.TextCipher is not null && plain is null);
            })]);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
