using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Erasure;

/// <summary>
/// Erasure of a customer's survey invitations and responses (docs/surveys.md, "Personal data in surveys"): both stay
/// as aggregate records (a survey was sent, opened, answered with these scores — what response rates and per-question
/// statistics count), but no longer name the customer. The free text of the answers was encrypted with the customer's
/// data key, which the erasure destroys; the ciphertexts are cleared as well. An invitation not yet sent is suppressed:
/// there is no one left to send it to.
/// </summary>
internal static class SurveyUnlinking
{
    /// <returns>The responses and the invitations unlinked.</returns>
    public static async Task<(long Responses, long Invitations)> UnlinkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] customerIds,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update survey_answers set text_cipher = null
            where text_cipher is not null and response_id in (select response_id from survey_responses where customer_id = any(@customerIds))
            """, new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var responses = await connection.ExecuteAsync(new CommandDefinition(
            "update survey_responses set customer_id = null where customer_id = any(@customerIds)",
            new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var invitations = await connection.ExecuteAsync(new CommandDefinition(
            """
            update invitations set customer_id = null,
                   status = case when status = 'pending' then 'suppressed' else status end,
                   reason = case when status = 'pending' then 'customer-erased' else reason end
            where customer_id = any(@customerIds)
            """, new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (responses, invitations);
    }
}
