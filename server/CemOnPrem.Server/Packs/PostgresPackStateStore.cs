using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Server.Packs;

/// <summary>Pack switches in the control database (<c>pack_states</c>, migration C0003).</summary>
internal sealed class PostgresPackStateStore(ControlDatabase control) : IPackStateStore
{
    public async Task<IReadOnlyList<PackAdminState>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "select pack_id as PackId, enabled as Enabled, changed_at as ChangedAt, reason as Reason, changed_by as ChangedBy from pack_states",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new PackAdminState(row.PackId, row.Enabled, new DateTimeOffset(row.ChangedAt, TimeSpan.Zero), row.Reason, row.ChangedBy))];
    }

    public async Task SaveAsync(PackAdminState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into pack_states (pack_id, enabled, changed_at, changed_by, reason)
            values (@PackId, @Enabled, @ChangedAt, @ChangedBy, @Reason)
            on conflict (pack_id) do update
               set enabled = excluded.enabled, changed_at = excluded.changed_at,
                   changed_by = excluded.changed_by, reason = excluded.reason
            """,
            new { state.PackId, state.Enabled, ChangedAt = state.ChangedAt.UtcDateTime, state.ChangedBy, state.Reason },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Row(string PackId, bool Enabled, DateTime ChangedAt, string? Reason, string ChangedBy);
}
