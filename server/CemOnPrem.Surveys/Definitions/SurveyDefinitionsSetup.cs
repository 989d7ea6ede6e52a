using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>Survey definitions: pack surveys and admin-made ones, drafts and published versions, and the catalog every other part reads them from.</summary>
public static class SurveyDefinitionsSetup
{
    public static IHostApplicationBuilder AddSurveyDefinitions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PackSurveyCatalog>();
        builder.Services.AddSingleton<SurveyVersionStore>();
        builder.Services.AddSingleton<SurveyDraftStore>();
        builder.Services.AddSingleton<SurveyDefinitionRules>();
        builder.Services.AddSingleton<ISurveyCatalog, SurveyCatalog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyDefinitionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSurveyDefinitionEndpoints();
        return app;
    }
}
