using System.Collections.Concurrent;
using CemOnPrem.Storage.Databases;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Libraries that retry against a database that is down (Orleans' reminder and membership services among them) log the
/// same error with its stack trace on every attempt, several a second. Of the events carrying a lost database connection,
/// the first of each source and message passes and repeats within <see cref="Window"/> are dropped: an outage reads as
/// a few lines. Our own loops log one line per outage themselves (<see cref="DatabaseOutage"/>).
/// </summary>
internal sealed class RepeatedConnectionLossFilter(TimeProvider clock) : ILogEventFilter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Source, string Template), long> _lastPassed = new();

    public bool IsEnabled(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Exception is not { } exception || !CarriesConnectionLoss(exception))
        {
            return true;
        }

        var source = logEvent.Properties.TryGetValue("SourceContext", out var context) ? context.ToString() : "";
        var now = clock.GetTimestamp();
        var passed = true;
        _lastPassed.AddOrUpdate((source, logEvent.MessageTemplate.Text), now, (_, last) =>
        {
            passed = clock.GetElapsedTime(last, now) >= Window;
            return passed ? now : last;
        });
        return passed;
    }

    private static bool CarriesConnectionLoss(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException && DatabaseOutage.IsConnectionLoss(current))
            {
                return true;
            }
        }

        return false;
    }
}
