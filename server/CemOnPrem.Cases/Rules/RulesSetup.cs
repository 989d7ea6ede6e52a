using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases.Rules;

/// <summary>Wiring of pack rules on live data and routing.</summary>
public static class RulesSetup
{
    public static IHostApplicationBuilder AddCaseRules(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
