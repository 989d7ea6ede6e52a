using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Responses;

/// <summary>Responses: validated per-question answers in the region database, each finished response a feedback event in the event log.</summary>
public static class SurveyResponsesSetup
{
    public static IHostApplicationBuilder AddSurveyResponses(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ResponseKeys>();
        services.AddSingleton<ResponseText>();
        services.AddSingleton<ResponseEvents>();
        services.AddSingleton<ISurveyResponseStore, SurveyResponseStore>();
        services.AddOptions<SurveyResponsesOptions>().Bind(builder.Configuration.GetSection(SurveyResponsesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyResponsesOptions>, SurveyResponsesOptionsValidator>();
        services.AddSingleton<ResponseEventRelay>();
        services.AddSingleton<SurveyResponseReader>();
        services.AddSingleton<SurveyResponseAccess>();
        services.AddSingleton<Governance.Export.IExportCategory, SurveyResponsesExportCategory>();
        services.AddHostedService<ResponseEventRelayWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyResponsesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSurveyResponsesEndpoints();
        return app;
    }
}
