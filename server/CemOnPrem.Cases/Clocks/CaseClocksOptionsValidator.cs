using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Clocks;

/// <summary>Refuses to start with a warning share that would warn at the start, at the breach or never.</summary>
public sealed class CaseClocksOptionsValidator : IValidateOptions<CaseClocksOptions>
{
    public ValidateOptionsResult Validate(string? name, CaseClocksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.WarningShare is > 0 and < 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{CaseClocksOptions.Section}:{nameof(CaseClocksOptions.WarningShare)} must be between 0 and 1 (exclusive), e.g. 0.75; it is {options.WarningShare}.");
    }
}
