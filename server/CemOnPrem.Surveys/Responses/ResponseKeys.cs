using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The data key of a response without a customer (<c>survey_response_keys</c>, R0091), like a case's own key. One per
/// response, so deleting the response (retention) deletes the only way to read its text, and no two anonymous
/// respondents share one.
/// </summary>
internal sealed class ResponseKeys(FieldProtection protection)
{
    private readonly OwnedDataKeys _keys = new(protection, WrappedKeyTables.SurveyResponseKeys, "response_id");

    public Task<DataKey> ForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, Guid responseId, CancellationToken cancellationToken) =>
        _keys.ForWriteAsync(connection, transaction, region, responseId, cancellationToken);

    public Task<DataKey?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, Guid responseId, CancellationToken cancellationToken) =>
        _keys.ReadAsync(connection, transaction, region, responseId, cancellationToken);
}
