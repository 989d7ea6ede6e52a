using CemOnPrem.Cases.Rules;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary><c>Cem:Cases:Rules</c> at start: malformed settings refused with the setting named, unknown rule names only warned about.</summary>
public sealed class RuleSwitchCheckTests
{
    [Fact]
    public void Malformed_settings_are_refused_naming_the_setting()
    {
        var options = new CaseRulesOptions { MaxAgeDays = 0, MetricIntervalSeconds = 1 };
        options.Disabled.Add("no-slash");

        var result = new CaseRulesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Cem:Cases:Rules:MaxAgeDays", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Cem:Cases:Rules:MetricIntervalSeconds", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Cem:Cases:Rules:Disabled", StringComparison.Ordinal) && f.Contains("no-slash", StringComparison.Ordinal));
        Assert.True(new CaseRulesOptionsValidator().Validate(null, new CaseRulesOptions()).Succeeded);
    }

    [Fact]
    public void A_switch_naming_no_active_rule_is_a_warning_once_and_the_rule_it_names_stays_off()
    {
        var options = new CaseRulesOptions();
        options.Disabled.Add("com.example.absent/some-rule");
        options.Disabled.Add("com.cemonprem.banking/branch-detractor");
        var logger = new ListLogger<ActiveCaseRules>();
        var rules = new ActiveCaseRules(new BankingOnly(), Options.Create(options), logger);

        var first = rules.Current();
        var second = rules.Current();

        var warning = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("com.example.absent/some-rule", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first, r => r.Rule.Id == "branch-detractor");
        Assert.Contains(first, r => r.Rule.Id == "complaint-response-clock");
        Assert.Equal(first.Count, second.Count);
    }

    private sealed class BankingOnly : ICaseRulePacks
    {
        public IReadOnlyList<PackContent> Active { get; } =
            [PackContentReader.Read(Path.Combine(RulesBed.RepositoryRoot(), "plugins", "CemOnPrem.Packs.Banking"))];
    }
}
