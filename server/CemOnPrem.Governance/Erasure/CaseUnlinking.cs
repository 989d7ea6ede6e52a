using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Erasure;

/// <summary>
/// Erasure of a customer's cases (docs/cases.md, "Personal data in cases"): the case stays as the record that a
/// complaint or follow-up was handled (what, where, when, how it ended), but no longer names the customer. Its personal
/// text (notes, root-cause text, resolution summary) was encrypted with the customer's data key, which the erasure
/// destroys; the ciphertexts are cleared as well. Each case gets a <c>customer-erased</c> history entry and a new
/// version, as every change of a case does.
/// </summary>
internal static class CaseUnlinking
{
    /// <returns>The number of cases unlinked.</returns>
    public static async Task<long> UnlinkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] customerIds, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "update case_history set text = null where text is not null and case_id in (select case_id from cases where customer_id = any(@customerIds))",
            new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into case_history (case_id, region, at, actor, action, detail)
            select case_id, region, now(), 'erasure', 'customer-erased', '{}'::jsonb from cases where customer_id = any(@customerIds)
            """, new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update cases set customer_id = null, root_cause_text = null, version = version + 1, updated_at = now()
            where customer_id = any(@customerIds)
            """, new { customerIds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
