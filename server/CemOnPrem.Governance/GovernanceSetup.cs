using CemOnPrem.Governance.Export;
using CemOnPrem.Governance.Holds;
using CemOnPrem.Governance.Requests;
using CemOnPrem.Governance.Retention;
using CemOnPrem.Governance.Surveys;
using CemOnPrem.Analytics.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance;

/// <summary>
/// Wiring of the governance module (docs/privacy.md): <c>builder.AddCemGovernance()</c> registers the <c>Cem:Privacy</c>
/// options (validated), consent ledger, holds, requests, retention, survey triggers and the data-subject export;
/// <c>app.MapCemGovernance()</c> maps their endpoints.
/// </summary>
public static class GovernanceSetup
{
    public static IHostApplicationBuilder AddCemGovernance(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PrivacyOptions>().Bind(builder.Configuration.GetSection(PrivacyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<ConsentPurposes>();
        services.AddSingleton<ConsentLedger>();
        services.AddSingleton<IConsentGate, ConsentGate>();
        services.AddSingleton<LegalHolds>();
        services.AddSingleton<PrivacyRequestStore>();
        services.AddSingleton<PrivacyRequestService>();
        services.AddSingleton<RetentionPeriods>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionJob>();
        services.AddSingleton<IProjectionObserver, SurveyTriggerObserver>();
        services.AddSingleton<PrivacyRequestSubjects>();
        AddSubjectExport(services);
        return builder;
    }

    public static IEndpointRouteBuilder MapCemGovernance(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConsentsApi();
        app.MapPrivacyRequestsApi();
        app.MapLegalHoldsApi();
        app.MapRetentionAdminApi();
        app.MapSubjectExportApi();
        return app;
    }

    // The data-subject export and its categories; cases will register the same way; access requests are fulfilled by it.
    private static void AddSubjectExport(IServiceCollection services)
    {
        services.AddSingleton<SubjectEvents>();
        // Registration order is the order of the files in the zip.
        services.AddSingleton<IExportCategory, ProfileCategory>();
        services.AddSingleton<IExportCategory, IdentitiesCategory>();
        services.AddSingleton<IExportCategory, EventsCategory>();
        services.AddSingleton<IExportCategory, FeedbackCategory>();
        services.AddSingleton<IExportCategory, JourneysCategory>();
        services.AddSingleton<IExportCategory, ConsentsCategory>();
        services.AddSingleton<IAccessRequestFulfilment, SubjectExportFulfilment>();
    }
}
