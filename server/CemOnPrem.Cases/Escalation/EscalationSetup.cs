using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases.Escalation;

/// <summary>Wiring of clock reminders, warnings, breaches and escalation.</summary>
public static class EscalationSetup
{
    public static IHostApplicationBuilder AddCaseEscalation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
