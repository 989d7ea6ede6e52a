using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>The respondent page /s/{token}: server-rendered, works without JavaScript.</summary>
public static class RespondentPagesSetup
{
    public static IHostApplicationBuilder AddRespondentPages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapRespondentPages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
