using CemOnPrem.Analytics.Projection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Wiring of pack rules on live data and routing: the <c>Cem:Cases:Rules</c> options (validated at start), event and
/// journey rules as an output of the analytics projection (event rules also right after ingest, the fast path), metric rules on a timer.
/// </summary>
public static class RulesSetup
{
    public static IHostApplicationBuilder AddCaseRules(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CaseRulesOptions>().Bind(builder.Configuration.GetSection(CaseRulesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaseRulesOptions>, CaseRulesOptionsValidator>();
        services.AddSingleton<ICaseRulePacks, RegistryCaseRulePacks>();
        services.AddSingleton<ActiveCaseRules>();
        services.AddSingleton<CaseDrafting>();
        services.AddSingleton<IProjectionObserver, CaseRuleObserver>();
        services.AddHostedService<EventRuleFastPath>();
        services.AddSingleton<MetricFirings>();
        services.AddSingleton<MetricRuleEvaluator>();
        services.AddHostedService<MetricRuleService>();
        return builder;
    }
}
