using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Handling;

/// <summary>Wiring of the case grain, store and /api/v1/cases.</summary>
public static class HandlingSetup
{
    public static IHostApplicationBuilder AddCaseHandling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CaseHandlingOptions>().Bind(builder.Configuration.GetSection(CaseHandlingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaseHandlingOptions>, CaseHandlingOptionsValidator>();
        services.AddSingleton<CaseKeys>();
        services.AddSingleton<CaseText>();
        services.AddSingleton<CaseReader>();
        services.AddSingleton<CaseEditor>();
        services.AddSingleton<CaseAccess>();
        services.AddSingleton<CaseInbox>();
        services.AddSingleton<CaseRuleLookup>();
        services.AddSingleton<ManualCases>();
        // Scoped: it asks ASP.NET Identity's UserManager, which is scoped to the request.
        services.AddScoped<CaseAssignees>();
        // Data-subject export: the subject's cases (Governance's IExportCategory; files follow registration order).
        services.AddSingleton<CemOnPrem.Governance.Export.IExportCategory, CasesExportCategory>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCasesEndpoints();
        return app;
    }
}
