using CemOnPrem.Contracts.Customers;
using CemOnPrem.Ingest;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Events;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Puts a finished response's feedback event into the event log through the ingest region writers
/// (<see cref="IInternalEvents"/>); <see cref="MarkAppendedAsync"/> records that in <c>survey_responses.event_appended_at</c>
/// (in the caller's transaction: the relay holds the row's lock meanwhile). The event names the
/// customer by the identities the log already holds for them (read and sent back, as the writer stitches by identity):
/// the log has no other way in for a known customer, and the same identities always lead to the same customer (or to
/// the one it was merged into).
/// </summary>
internal sealed class ResponseEvents(IInternalEvents events, EventLogReader log, RegionDatabases regions)
{
    // A merge chain is short (each merge points at the survivor); the bound only guards against a cycle.
    private const int MaxMergeHops = 8;

    public async Task<EventReceipt> AppendAsync(FinishedResponse response, SurveyTemplate survey, IReadOnlyList<AnswerRow> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var identities = response.CustomerId is { } customerId ? await IdentitiesAsync(response.Region, customerId, cancellationToken).ConfigureAwait(false) : [];
        return await events.AppendAsync(FeedbackEvents.Build(response, survey, answers, identities), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends, then marks the response appended on a connection of its own (the store's path, after its commit).</summary>
    public async Task<EventReceipt> AppendAndMarkAsync(FinishedResponse response, SurveyTemplate survey, IReadOnlyList<AnswerRow> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var receipt = await AppendAsync(response, survey, answers, cancellationToken).ConfigureAwait(false);
        await using var connection = await regions.For(response.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await MarkAppendedAsync(connection, null, response.ResponseId, cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    public static Task MarkAppendedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid responseId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "update survey_responses set event_appended_at = now() where response_id = @responseId and event_appended_at is null",
            new { responseId }, transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<CustomerIdentity>> IdentitiesAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        var current = customerId;
        for (var hop = 0; hop < MaxMergeHops; hop++)
        {
            var customer = await log.FindCustomerAsync(region, current, cancellationToken).ConfigureAwait(false);
            if (customer is null)
            {
                return [];
            }

            if (customer.MergedInto is { } survivor)
            {
                current = survivor;
                continue;
            }

            try
            {
                return await log.ReadIdentitiesAsync(region, current, cancellationToken).ConfigureAwait(false);
            }
            catch (DataKeyUnavailableException)
            {
                // Erased meanwhile: the event carries no one (erasure also removed the response's customer link).
                return [];
            }
        }

        return [];
    }
}
