using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.OrgUnits;

/// <summary>
/// Org units in the control database. Writes take a transaction-level advisory lock so concurrent
/// imports cannot interleave path computations; paths of a moved subtree are rewritten in the same
/// transaction.
/// </summary>
public sealed class OrgUnitStore(ControlDatabase control)
{
    private const long TreeLock = 0x43454D_4F5247; // "CEM ORG"

    public async Task<IReadOnlyList<OrgUnit>> ListAsync(string? under, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<OrgUnit>(
            new CommandDefinition(
                """
                select code, name, level, parent_code as ParentCode, path from org_units
                where @under::text is null or path like (select path from org_units where code = @under) || '%'
                order by path
                """,
                new { under }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<OrgUnit?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrgUnit>(
            new CommandDefinition("select code, name, level, parent_code as ParentCode, path from org_units where code = @code",
                new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <returns>The subset of <paramref name="codes"/> that exist.</returns>
    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            new CommandDefinition("select code from org_units where code = any(@codes)", new { codes = codes.ToArray() }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Creates or updates units in one transaction. The batch must already be ordered parents-first
    /// (see <see cref="OrgUnitBatch"/>); a parent may be in the batch or already stored.
    /// </summary>
    /// <returns>How many units were created and how many updated.</returns>
    /// <exception cref="OrgUnitTreeException">A parent is missing or a move would make a unit its own ancestor.</exception>
    public async Task<(int Created, int Updated)> UpsertAsync(IReadOnlyList<OrgUnitDraft> units, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("select pg_advisory_xact_lock(@TreeLock)", new { TreeLock }, transaction).ConfigureAwait(false);
        int created = 0, updated = 0;
        foreach (var unit in units)
        {
            var path = await PathOfAsync(connection, transaction, unit).ConfigureAwait(false);
            var oldPath = await connection.QuerySingleOrDefaultAsync<string>(
                "select path from org_units where code = @Code for update", new { unit.Code }, transaction).ConfigureAwait(false);
            if (oldPath is null)
            {
                await connection.ExecuteAsync(
                    "insert into org_units (code, name, level, parent_code, path) values (@Code, @Name, @Level, @ParentCode, @path)",
                    new { unit.Code, unit.Name, unit.Level, unit.ParentCode, path }, transaction).ConfigureAwait(false);
                created++;
                continue;
            }

            if (path.StartsWith(oldPath, StringComparison.Ordinal) && path != oldPath)
            {
                throw new OrgUnitTreeException(unit.Code, $"moving '{unit.Code}' under '{unit.ParentCode}' would make it its own ancestor.");
            }

            await connection.ExecuteAsync(
                """
                update org_units set name = @Name, level = @Level, parent_code = @ParentCode, updated_at = now() where code = @Code;
                update org_units set path = @path || substr(path, length(@oldPath) + 1), updated_at = now() where path like @oldPath || '%';
                """,
                new { unit.Code, unit.Name, unit.Level, unit.ParentCode, path, oldPath }, transaction).ConfigureAwait(false);
            updated++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (created, updated);
    }

    private static async Task<string> PathOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OrgUnitDraft unit)
    {
        if (unit.ParentCode is null)
        {
            return $"/{unit.Code}/";
        }

        var parentPath = await connection.QuerySingleOrDefaultAsync<string>(
            "select path from org_units where code = @ParentCode", new { unit.ParentCode }, transaction).ConfigureAwait(false);
        return parentPath is null
            ? throw new OrgUnitTreeException(unit.Code, $"parent '{unit.ParentCode}' of '{unit.Code}' does not exist.")
            : $"{parentPath}{unit.Code}/";
    }
}

/// <summary>An org unit to create or update.</summary>
public sealed record OrgUnitDraft(string Code, string Name, string Level, string? ParentCode);

/// <summary>The tree would break: a missing parent or a cycle.</summary>
public sealed class OrgUnitTreeException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
