using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases.Handling;

/// <summary>Wiring of the case grain, store and /api/v1/cases.</summary>
public static class HandlingSetup
{
    public static IHostApplicationBuilder AddCaseHandling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
