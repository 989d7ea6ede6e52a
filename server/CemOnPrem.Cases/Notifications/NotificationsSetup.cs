using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Wiring of the outbox, webhooks and e-mail.</summary>
public static class NotificationsSetup
{
    public static IHostApplicationBuilder AddCaseNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapCaseNotificationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
