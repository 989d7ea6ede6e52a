using Serilog.Events;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Level of Serilog's one-line request log. Successful requests are Debug: at ingest rates a line per
/// 202 costs more CPU than the ingest itself (console and file sinks serialise on a lock). Client errors
/// stay visible at Information, slow requests at Warning, failures at Error.
/// </summary>
internal static class RequestLogLevel
{
    public const double SlowMilliseconds = 1000;

    public static LogEventLevel Of(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        (exception, context.Response.StatusCode) switch
        {
            (not null, _) or (_, >= 500) => LogEventLevel.Error,
            _ when elapsedMilliseconds >= SlowMilliseconds => LogEventLevel.Warning,
            (_, >= 400) => LogEventLevel.Information,
            _ => LogEventLevel.Debug,
        };
}
