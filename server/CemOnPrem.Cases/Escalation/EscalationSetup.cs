using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CemOnPrem.Cases.Escalation;

/// <summary>Wiring of clock reminders, warnings, breaches and escalation (<c>Cem:Cases:Escalation</c>).</summary>
public static class EscalationSetup
{
    public static IHostApplicationBuilder AddCaseEscalation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EscalationOptions>().Bind(builder.Configuration.GetSection(EscalationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EscalationOptions>, EscalationOptionsValidator>();
        services.AddCaseClocks();
        services.AddHostedService<CaseClockArmer>();
        return builder;
    }

    /// <summary>The clock grain's dependencies (also what a test silo needs), without the armer.</summary>
    public static IServiceCollection AddCaseClocks(this IServiceCollection services)
    {
        services.AddSingleton<CaseClockStore>();
        services.AddSingleton<CaseClockFiring>();
        // Reminders may not have a period below ReminderOptions.MinimumReminderPeriod (1 minute by default): a
        // shorter retry period lowers it, as the reminder canaries do.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<EscalationOptions>>((reminders, escalation) =>
        {
            var retry = TimeSpan.FromSeconds(escalation.Value.RetryPeriodSeconds);
            if (retry < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = retry;
            }
        });
        return services;
    }
}
