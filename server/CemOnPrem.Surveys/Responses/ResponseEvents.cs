using CemOnPrem.Contracts.Customers;
using CemOnPrem.Ingest;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Events;
using Dapper;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Puts a finished response's feedback event into the event log through the ingest region writers
/// (<see cref="IInternalEvents"/>), then records that in <c>survey_responses.event_appended_at</c>. The event names the
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
        var receipt = await events.AppendAsync(FeedbackEvents.Build(response, survey, answers, identities), cancellationToken).ConfigureAwait(false);
        await using var connection = await regions.For(response.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "update survey_responses set event_appended_at = now() where response_id = @ResponseId and event_appended_at is null",
            new { response.ResponseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return receipt;
    }

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
