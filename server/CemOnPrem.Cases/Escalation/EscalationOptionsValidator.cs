using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Escalation;

/// <summary>Checks <c>Cem:Cases:Escalation</c> at start; each message names the setting to fix.</summary>
public sealed class EscalationOptionsValidator : IValidateOptions<EscalationOptions>
{
    public ValidateOptionsResult Validate(string? name, EscalationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
