using CemOnPrem.Cases.Handling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>Invitations: from the projection's trigger decisions (consent, frequency cap, quiet hours, expiry checked at send time) and by hand.</summary>
public static class SurveyInvitationsSetup
{
    public static IHostApplicationBuilder AddSurveyInvitations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<InvitationOptions>().Bind(builder.Configuration.GetSection(InvitationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InvitationOptions>, InvitationOptionsValidator>();
        services.AddSingleton<InvitationLookup>();
        AddInvitationServices(services);
        services.AddSingleton<ICaseClosureHook, FollowUpSurveys>();
        services.AddHostedService<InvitationsWorker>();
        return builder;
    }

    /// <summary>Everything but the worker, the closure hook and the options binding (tests and the bench compose these with their own settings).</summary>
    public static IServiceCollection AddInvitationServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InvitationWriter>();
        services.AddSingleton<SendTimeChecks>();
        services.AddSingleton<InvitationPlanner>();
        services.AddSingleton<InvitationExpiry>();
        services.AddSingleton<ManualInvitations>();
        services.AddSingleton<InvitationStatusReader>();
        services.AddSingleton<FollowUpSurveys>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveyInvitationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapInvitationsApi();
        return app;
    }
}
