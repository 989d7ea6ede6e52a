using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>Checks <c>Cem:Surveys:Branding</c> and <c>Cem:Surveys:Respondent</c> at start; each message names the setting to fix.</summary>
internal sealed class RespondentOptionsValidator : IValidateOptions<RespondentOptions>
{
    public ValidateOptionsResult Validate(string? name, RespondentOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
