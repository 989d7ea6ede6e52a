using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>Survey statistics: the invitation funnel and per-question distributions.</summary>
public static class SurveyStatisticsSetup
{
    public static IHostApplicationBuilder AddSurveyStatistics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyStatisticsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
