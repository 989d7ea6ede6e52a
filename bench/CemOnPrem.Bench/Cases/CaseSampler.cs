using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace CemOnPrem.Bench.Cases;

/// <summary>
/// Notes when each case becomes visible: every 20 ms it reads the <c>opened</c> history entries committed since the
/// last read (their identity column only grows) with their case's first trigger event (the event sequence number).
/// </summary>
internal sealed class CaseSampler(string regionConnection, Stopwatch clock)
{
    private readonly ConcurrentDictionary<long, double> _visibleAtMs = new();

    public IReadOnlyDictionary<long, double> VisibleAtMs => _visibleAtMs;

    public async Task RunAsync(CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            select h.entry_id, c.trigger_events[1] from case_history h join cases c using (case_id)
            where h.entry_id > $1 and h.action = 'opened' order by h.entry_id
            """, connection);
        var last = new NpgsqlParameter<long> { TypedValue = 0 };
        command.Parameters.Add(last);
        while (!stop.IsCancellationRequested)
        {
            var at = clock.Elapsed.TotalMilliseconds;
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    last.TypedValue = reader.GetInt64(0);
                    if (!reader.IsDBNull(1))
                    {
                        _visibleAtMs.TryAdd(reader.GetInt64(1), at);
                    }
                }
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
