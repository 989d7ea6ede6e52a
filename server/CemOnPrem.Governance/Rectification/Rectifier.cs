using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Rectification;

/// <summary>
/// Applies a rectification to the subject (and customers stitched into it) inside the request's transaction. Identity
/// values and personal attributes are encrypted: the lookup row gets the new blind index and ciphertext, and the
/// events' encrypted documents are rewritten under the same data key. The customers are re-stamped (the projector
/// derives them again, as an attribute may feed a metric) and their epoch bumped (their grains rebuild the single
/// customer view from the log).
/// </summary>
internal static class Rectifier
{
    /// <returns>Null when applied, else why not (the request stays approved).</returns>
    public static async Task<string?> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FieldProtection protection, string region,
        IReadOnlyList<string> subjectIds, RectificationChange change, CancellationToken cancellationToken)
    {
        var ids = subjectIds.ToArray();
        if (change.Identity is { } identity)
        {
            var problem = await RectifyIdentityAsync(connection, transaction, protection, region, ids, identity, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (change.Attribute is { } attribute)
        {
            if (protection.Options.IsPersonal(attribute.Name))
            {
                await EventPiiRewriter.RewriteAsync(connection, transaction, protection, region, "customer_id = any(@ids)", [new NpgsqlParameter<string[]>("ids", ids)],
                    fields => fields.Attributes.ContainsKey(attribute.Name)
                        ? fields with { Attributes = new Dictionary<string, string>(fields.Attributes, StringComparer.Ordinal) { [attribute.Name] = attribute.Value } }
                        : null,
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "update events set attributes = jsonb_set(attributes, array[@name], to_jsonb(@value::text)) where customer_id = any(@ids) and jsonb_exists(attributes, @name)",
                    new { name = attribute.Name, value = attribute.Value, ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "update customers set tx = pg_current_xact_id(), epoch = epoch + 1 where customer_id = any(@ids)", new { ids }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return null;
    }

    private static async Task<string?> RectifyIdentityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FieldProtection protection, string region,
        string[] ids, IdentityCorrection identity, CancellationToken cancellationToken)
    {
        var type = identity.Type;
        var value = IdentityNormalization.Normalize(type, identity.Value);
        var newValue = IdentityNormalization.Normalize(type, identity.NewValue);
        var index = await protection.BlindIndexAsync(region, type, value, cancellationToken).ConfigureAwait(false);
        var newIndex = await protection.BlindIndexAsync(region, type, newValue, cancellationToken).ConfigureAwait(false);
        var taken = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select customer_id from customer_identities where id_type = @type and id_index = @newIndex", new { type, newIndex }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (taken is not null && !ids.Contains(taken))
        {
            return "the new identity value belongs to another customer";
        }

        var stored = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "select id_value from customer_identities where id_type = @type and id_index = @index and customer_id = any(@ids)", new { type, index, ids }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (stored is null)
        {
            return "the subject has no such identity";
        }

        // Same data key as the value it replaces; the associated data names the new blind index.
        var key = (await protection.KeysForAsync(region, [stored], cancellationToken).ConfigureAwait(false))[FieldCipher.KeyIdOf(stored)];
        var ciphertext = FieldCipher.EncryptText(key, PersonalFields.IdentityBinding(type, newIndex), newValue);
        await connection.ExecuteAsync(new CommandDefinition(
            "update customer_identities set id_index = @newIndex, id_value = @ciphertext where id_type = @type and id_index = @index",
            new { type, index, newIndex, ciphertext }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // The copies each logged event carried, so that an export or a rebuilt view shows the corrected value.
        await EventPiiRewriter.RewriteAsync(connection, transaction, protection, region, "customer_id = any(@ids)", [new NpgsqlParameter<string[]>("ids", ids)],
            fields => fields.Identities.Any(i => i.Type == type && i.Value == value)
                ? fields with { Identities = [.. fields.Identities.Select(i => i.Type == type && i.Value == value ? new CustomerIdentity(type, newValue) : i)] }
                : null,
            cancellationToken).ConfigureAwait(false);
        return null;
    }
}
