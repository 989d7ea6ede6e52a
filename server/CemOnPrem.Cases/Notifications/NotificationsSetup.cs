using CemOnPrem.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Wiring of the outbox, webhooks and e-mail (docs/cases.md "Notifications: webhooks and e-mail").</summary>
public static class NotificationsSetup
{
    /// <summary>The HTTP client case webhooks go through.</summary>
    public const string WebhookClientName = "cem-case-webhooks";

    public static IHostApplicationBuilder AddCaseNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NotificationsOptions>().Bind(builder.Configuration.GetSection(NotificationsOptions.Section)).ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(NotificationsOptions.SmtpSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        services.AddSingleton<IValidateOptions<SmtpOptions>, NotificationsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // The identity module configures Data Protection (keys in the control database); this only ensures the services exist.
        services.AddDataProtection();
        AddNotificationServices(services, builder.Configuration);
        services.AddHostedService<NotificationsWorker>();
        return builder;
    }

    /// <summary>Everything but the background worker and options binding (the tests compose these with their own settings).</summary>
    public static IServiceCollection AddNotificationServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var timeout = TimeSpan.FromSeconds(configuration.GetValue(NotificationsOptions.Section + ":TimeoutSeconds", 10.0));
        WebhookClients.Add(services, WebhookClientName, timeout);
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<AssigneeMailboxes>();
        services.AddSingleton<CaseMailer>();
        services.AddSingleton<CaseOutboxFanOut>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DeadLetters>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseNotificationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapWebhooksApi();
        return app;
    }
}
