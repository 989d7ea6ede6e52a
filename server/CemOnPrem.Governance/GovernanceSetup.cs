using CemOnPrem.Governance.Holds;
using CemOnPrem.Governance.Requests;
using CemOnPrem.Governance.Retention;
using CemOnPrem.Governance.Surveys;
using CemOnPrem.Analytics.Projection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance;

/// <summary>Wires the privacy controls: <c>Cem:Privacy</c> options (validated), ledger, holds, requests, retention, survey triggers.</summary>
public static class GovernanceSetup
{
    public static IServiceCollection AddCemGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section)).ValidateOnStart();
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
        return services;
    }

    private sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
