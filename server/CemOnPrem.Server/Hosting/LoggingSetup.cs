using CemOnPrem.Http.Configuration;
using Serilog;
using Serilog.Formatting.Compact;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Serilog: levels and extra sinks from the <c>Serilog</c> section; console (text or compact JSON)
/// and a daily rolling file under the data folder from <c>Cem:Logging</c>.
/// </summary>
internal static class LoggingSetup
{
    public static void AddCemLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            // Read when the logger is built, not when the builder is: settings added later (test hosts) count too.
            var settings = services.GetRequiredService<IConfiguration>().GetSection(CemOptions.Section).Get<CemOptions>() ?? new CemOptions();
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Node", $"{Environment.MachineName}:{settings.Cluster.SiloPort}")
                // Last: personal data out of every property (see docs/privacy.md, "No personal data in logs").
                .Destructure.With<PersonalDataLogPolicy>()
                .Enrich.With<PersonalDataLogPolicy>()
                // A database outage: one stack trace per source and message, not one per library retry.
                .Filter.With(new RepeatedConnectionLossFilter(TimeProvider.System));
            if (settings.Logging.ConsoleFormat == "json")
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            var file = settings.Logging.File ?? Path.Combine(settings.DataDirectory, "logs", "cem-.log");
            if (!string.IsNullOrWhiteSpace(file))
            {
                logger.WriteTo.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
            }
        },
        // The host logs through its own logger, never Serilog's static one: a static logger is shared by every host in
        // the process, and disposing any host (test hosts come and go) silenced all the others.
        preserveStaticLogger: true);
        CategoryCachingLoggerFactory.Decorate(builder.Services);
    }
}
