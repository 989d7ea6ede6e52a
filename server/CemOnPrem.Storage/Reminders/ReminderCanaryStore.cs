using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Storage.Reminders;

/// <summary>The ticks of the reminder canaries (<c>reminder_canaries</c> in the control database).</summary>
public sealed class ReminderCanaryStore(ControlDatabase control)
{
    private const string TickSql =
        """
        insert into reminder_canaries (canary, ticks, last_tick_at, last_silo) values (@Canary, 1, now(), @Silo)
        on conflict (canary) do update set ticks = reminder_canaries.ticks + 1, last_tick_at = now(), last_silo = excluded.last_silo
        """;

    public async Task RecordTickAsync(string canary, string silo, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(TickSql, new { Canary = canary, Silo = silo }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task ForgetAsync(string canary, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from reminder_canaries where canary = @Canary", new { Canary = canary }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
