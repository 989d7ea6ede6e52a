using CemOnPrem.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>Distribution: the survey outbox and its link, e-mail and webhook channels.</summary>
public static class SurveyDistributionSetup
{
    public static IHostApplicationBuilder AddSurveyDistribution(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DistributionOptions>().Bind(builder.Configuration.GetSection(DistributionOptions.Section)).ValidateOnStart();
        services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        SurveySmtp.Bind(services, builder.Configuration);
        services.AddSingleton<IValidateOptions<DistributionOptions>, DistributionOptionsValidator>();
        services.AddSingleton<IValidateOptions<GatewayOptions>, DistributionOptionsValidator>();
        services.AddSingleton<IValidateOptions<SmtpOptions>, DistributionOptionsValidator>();
        AddDistributionServices(services, builder.Configuration);
        services.AddHostedService<DistributionWorker>();
        return builder;
    }

    /// <summary>Everything but the worker and the options binding (tests and the bench compose these with their own settings).</summary>
    public static IServiceCollection AddDistributionServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        WebhookClients.Add(services, InvitationDelivery.WebhookClientName,
            TimeSpan.FromSeconds(configuration.GetValue(DistributionOptions.Section + ":TimeoutSeconds", 10.0)));
        services.AddSingleton<ChannelChoice>();
        services.AddSingleton<ChannelAddresses>();
        services.AddSingleton<InvitationRelease>();
        services.AddSingleton<InvitationDelivery>();
        services.AddSingleton<SurveyOutboxDispatcher>();
        services.AddSingleton<SurveyDeadLetters>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveyDistributionApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSurveyDeadLettersApi();
        return app;
    }
}
