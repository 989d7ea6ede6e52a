using CemOnPrem.Analytics.Http;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Analytics;

/// <summary>
/// Wires journeys and metrics: <c>builder.AddCemAnalytics()</c> registers the <c>Cem:Analytics</c> options (validated), the
/// projector, stores and verification jobs; <c>app.MapCemAnalytics()</c> maps the metrics, journeys, customer journeys and analytics admin APIs.
/// </summary>
public static class AnalyticsSetup
{
    public static WebApplicationBuilder AddCemAnalytics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProjectionOptions>().Bind(builder.Configuration.GetSection(ProjectionOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProjectionOptions>, ProjectionOptionsValidator>();
        builder.Services.AddSingleton<ProjectionStore>();
        builder.Services.AddSingleton<RollupReader>();
        builder.Services.AddSingleton<JourneyStore>();
        builder.Services.AddSingleton<AnalyticsModelSource>();
        builder.Services.AddSingleton<IAnalyticsModels>(sp => sp.GetRequiredService<AnalyticsModelSource>());
        builder.Services.AddSingleton<RollupVerifier>();
        builder.Services.AddSingleton<AnalyticsJobs>();
        // After the pack host (registered earlier): the projector derives with the packs' journeys and metrics.
        builder.Services.AddSingleton<AnalyticsProjector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AnalyticsProjector>());
        return builder;
    }

    public static WebApplication MapCemAnalytics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMetricsApi();
        app.MapJourneysApi();
        app.MapAnalyticsAdminApi();
        app.MapCustomerJourneysApi();
        return app;
    }
}
