using System.Collections.Concurrent;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Encryption;

/// <summary>A lost listening connection is one warning per outage (no stack trace) and one line when it is back, however often the listener retries.</summary>
public sealed class KeyShredListenerOutageTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_that_stays_unreachable_is_one_warning_without_a_stack_trace()
    {
        var unreachable = $"Host=127.0.0.1;Port={LoopbackPorts.Free()};Database=nowhere;Username=nobody;Password=none;Timeout=2";
        await using var regions = new RegionDatabases(new Dictionary<string, string> { [Eu] = unreachable });
        var log = new Lines();
        using var listener = new KeyShredListener(regions, databases.Protection, log);

        await listener.StartAsync(Cancellation);
        // Retries after 2 s and 4 s more: three failed attempts.
        await Task.Delay(TimeSpan.FromSeconds(7), Cancellation);
        await listener.StopAsync(Cancellation);

        var warning = Assert.Single(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains(Eu, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_listening_connection_is_one_warning_and_one_line_when_it_is_back()
    {
        var log = new Lines();
        using var listener = new KeyShredListener(databases.Regions, databases.Protection, log);
        await listener.StartAsync(Cancellation);
        await listener.WhenListeningAsync(Eu).WaitAsync(Bound, Cancellation);

        await using (var connection = new NpgsqlConnection(databases.RegionConnectionStrings[Eu]))
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                $"select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and query = 'listen {KeyShredListener.Channel}'"));
        }

        var deadline = DateTime.UtcNow + Bound;
        while (!log.Entries.Any(entry => entry.Level == LogLevel.Information && entry.Message.Contains(Eu, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the listener never said it was listening again");
            await Task.Delay(100, Cancellation);
        }

        await listener.StopAsync(Cancellation);
        var warning = Assert.Single(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Single(log.Entries, entry => entry.Level == LogLevel.Information);
    }

    private sealed class Lines : ILogger<KeyShredListener>
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
