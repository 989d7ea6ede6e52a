using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CemOnPrem.Storage.Reminders;

/// <summary>Adds the reminder service with <see cref="PostgresReminderTable"/> on the control database.</summary>
public static class ReminderHostingExtensions
{
    public static ISiloBuilder AddCemPostgresReminders(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(static provider => new PostgresReminderTable(
            provider.GetRequiredService<ControlDatabase>().DataSource,
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return builder;
    }
}
