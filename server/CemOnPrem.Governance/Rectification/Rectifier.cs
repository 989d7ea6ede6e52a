using CemOnPrem.Storage.Customers;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Rectification;

/// <summary>
/// Applies a rectification to the subject (and customers stitched into it) inside the request's transaction. The
/// customers are re-stamped (the projector derives them again, as an attribute may feed a metric) and their epoch
/// bumped (their grains rebuild the single customer view from the log).
/// </summary>
internal static class Rectifier
{
    /// <returns>Null when applied, else why not (the request stays approved).</returns>
    public static async Task<string?> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> subjectIds,
        RectificationChange change, CancellationToken cancellationToken)
    {
        var ids = subjectIds.ToArray();
        if (change.Identity is { } identity)
        {
            var type = identity.Type;
            var value = IdentityNormalization.Normalize(type, identity.Value);
            var newValue = IdentityNormalization.Normalize(type, identity.NewValue);
            var taken = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select customer_id from customer_identities where id_type = @type and id_value = @newValue", new { type, newValue }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (taken is not null && !ids.Contains(taken))
            {
                return "the new identity value belongs to another customer";
            }

            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "update customer_identities set id_value = @newValue where id_type = @type and id_value = @value and customer_id = any(@ids)",
                new { type, value, newValue, ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                return "the subject has no such identity";
            }
        }

        if (change.Attribute is { } attribute)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update events set attributes = jsonb_set(attributes, array[@name], to_jsonb(@value::text)) where customer_id = any(@ids) and jsonb_exists(attributes, @name)",
                new { name = attribute.Name, value = attribute.Value, ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "update customers set tx = pg_current_xact_id(), epoch = epoch + 1 where customer_id = any(@ids)", new { ids }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return null;
    }
}
