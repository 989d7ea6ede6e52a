using Microsoft.Extensions.Options;

namespace CemOnPrem.Analytics.Projection;

/// <summary>Checks <c>Cem:Analytics</c> at start; each message names the setting to fix.</summary>
public sealed class ProjectionOptionsValidator : IValidateOptions<ProjectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProjectionOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
