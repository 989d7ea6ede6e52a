using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>Checks the rules' settings at start; each message names the setting to fix.</summary>
public sealed class CaseRulesOptionsValidator : IValidateOptions<CaseRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, CaseRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
