using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>Distribution: the survey outbox and its link, e-mail and webhook channels.</summary>
public static class SurveyDistributionSetup
{
    public static IHostApplicationBuilder AddSurveyDistribution(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyDistributionApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
