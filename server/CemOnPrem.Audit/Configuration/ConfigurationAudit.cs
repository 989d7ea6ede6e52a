using System.Text.Json;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CemOnPrem.Audit.Configuration;

/// <summary>
/// At start: compares this node's effective configuration with the one it recorded last and, when it differs,
/// appends <c>config.changed</c> naming the keys (never values). Snapshots are kept per node (host name), so
/// settings that rightly differ between nodes do not read as changes. A start whose change cannot be recorded
/// fails (fail closed).
/// </summary>
public sealed class ConfigurationAudit(IConfiguration configuration, SubjectPseudonyms keys, ControlDatabase control, IAuditTrail trail, TimeProvider clock) : IHostedService
{
    public const string Section = "Cem";

    /// <summary>Advisory lock ("CEM CONF"): nodes of one host starting together compare and record one at a time.</summary>
    private const long SnapshotLock = 0x43454D_434F4E46;

    public static string Node => Environment.MachineName;

    public Task StartAsync(CancellationToken cancellationToken) => RecordIfChangedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>The record appended, or null when the configuration is the one recorded last.</returns>
    public async Task<AuditRecord?> RecordIfChangedAsync(CancellationToken cancellationToken)
    {
        var current = ConfigurationFingerprint.Of(configuration, Section, keys);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand(FormattableString.Invariant($"select pg_advisory_xact_lock({SnapshotLock})"), connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var previous = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (previous is not null && previous.Value == current.Value)
        {
            return null;
        }

        var detail = previous is null
            ? $"first recorded configuration of this node; keys={current.Entries.Count}; fingerprint={current.Value}"
            : current.DescribeChangesFrom(previous) + "; fingerprint=" + current.Value;
        // Recorded before the snapshot moves: if the snapshot write fails, the next start records again (never lost).
        var record = await trail.RecordAsync(new AuditEntry(AuditActions.ConfigChanged, "config/node/" + Node, AuditOutcome.Allowed)
        {
            Actor = AuditActor.System,
            Detail = detail,
        }).ConfigureAwait(false);
        await using (var upsert = new NpgsqlCommand(
            """
            insert into config_snapshots (node, fingerprint, entries, recorded_at) values (@node, @fingerprint, @entries::jsonb, @at)
            on conflict (node) do update set fingerprint = excluded.fingerprint, entries = excluded.entries, recorded_at = excluded.recorded_at
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("node", Node);
            upsert.Parameters.AddWithValue("fingerprint", current.Value);
            upsert.Parameters.AddWithValue("entries", JsonSerializer.Serialize(current.Entries));
            upsert.Parameters.AddWithValue("at", clock.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    private static async Task<ConfigurationFingerprint?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select entries::text from config_snapshots where node = @node", connection, transaction);
        command.Parameters.AddWithValue("node", Node);
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? null : ConfigurationFingerprint.FromEntries(JsonSerializer.Deserialize<Dictionary<string, string>>(json)!);
    }
}
