using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Storage.Migrations;

/// <summary>Routes DbUp's messages into the host's logging (and so into Serilog).</summary>
internal sealed class DbUpLogAdapter(ILogger logger) : IUpgradeLog
{
    // DbUp hands over string.Format templates; format them here rather than pass them as message templates.
    public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

    public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

    public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

    public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

    public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

    public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

    private void Write(LogLevel level, Exception? exception, string format, object[] args)
    {
        if (logger.IsEnabled(level))
        {
            logger.Log(level, exception, "{Migration}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        }
    }
}
