using Npgsql;

namespace CemOnPrem.Storage.Databases;

/// <summary>
/// Whether a loop's database connection is lost right now, so a retrying loop logs one warning when an outage begins
/// and one line when it ends (not a stack trace per attempt), and waits longer between attempts the longer it lasts.
/// </summary>
public sealed class DatabaseOutage(TimeSpan firstRetryDelay, TimeSpan maxRetryDelay)
{
    private int _down;
    private int _failures;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <returns>True for the failure that begins an outage (log it), false while it lasts.</returns>
    public bool Failed()
    {
        Interlocked.Increment(ref _failures);
        return Interlocked.Exchange(ref _down, 1) == 0;
    }

    /// <returns>True when this success ends an outage (log that the connection is back).</returns>
    public bool Succeeded()
    {
        Volatile.Write(ref _failures, 0);
        return Interlocked.Exchange(ref _down, 0) == 1;
    }

    /// <summary>Doubles from the first delay with every failure of the outage, up to the maximum.</summary>
    public TimeSpan NextRetryDelay()
    {
        var doublings = Math.Clamp(Volatile.Read(ref _failures) - 1, 0, 16);
        var delay = firstRetryDelay * Math.Pow(2, doublings);
        return delay < maxRetryDelay ? delay : maxRetryDelay;
    }

    /// <summary>
    /// The database is unreachable, shutting down or restarting, or dropped the connection: this passes by itself, and
    /// its stack trace says nothing the message does not.
    /// </summary>
    public static bool IsConnectionLoss(Exception exception) => exception switch
    {
        // 57P01-03 (server shutting down or restarting) and 08xxx (connection lost) pass once the database is back.
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) ||
                                      postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is not PostgresException,
        TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };
}
