using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Responses;

/// <summary>Checks <c>Cem:Surveys:Responses</c> at start; each message names the setting to fix.</summary>
public sealed class SurveyResponsesOptionsValidator : IValidateOptions<SurveyResponsesOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyResponsesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
