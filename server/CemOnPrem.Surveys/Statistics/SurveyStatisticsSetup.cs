using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>Survey statistics: the invitation funnel and per-question distributions.</summary>
public static class SurveyStatisticsSetup
{
    public static IHostApplicationBuilder AddSurveyStatistics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<InvitationFunnelReader>();
        builder.Services.AddSingleton<AnswerCountsReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyStatisticsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSurveyStatisticsEndpoint();
        return app;
    }
}
