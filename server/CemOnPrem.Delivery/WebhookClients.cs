using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Delivery;

/// <summary>The HTTP client a module's webhooks go through.</summary>
public static class WebhookClients
{
    /// <summary>Registers a named client with the module's timeout that follows no redirect and keeps no cookie.</summary>
    public static IHttpClientBuilder Add(IServiceCollection services, string name, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient();
        services.AddSingleton<WebhookSender>();
        // Receivers' redirects are not followed: a signed body goes only where it was subscribed to go.
        return services.AddHttpClient(name, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }
}
