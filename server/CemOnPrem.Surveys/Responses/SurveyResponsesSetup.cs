using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyResponsesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
