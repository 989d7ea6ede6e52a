using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance;

/// <summary>Checks the privacy controls' settings at start; each message names the setting to fix.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
