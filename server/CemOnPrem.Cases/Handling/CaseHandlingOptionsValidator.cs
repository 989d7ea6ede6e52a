using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Handling;

/// <summary>Checks <c>Cem:Cases</c> at start; each message names the setting to fix.</summary>
internal sealed class CaseHandlingOptionsValidator : IValidateOptions<CaseHandlingOptions>
{
    public ValidateOptionsResult Validate(string? name, CaseHandlingOptions options)
    {
        var failures = new List<string>();
        if (options.ReopenDays is < 1 or > 366)
        {
            failures.Add($"Cem:Cases:ReopenDays must be from 1 to 366 (days after resolution a case can be reopened); it is {options.ReopenDays}.");
        }

        if (options.ManualDefaults is null || !options.ManualDefaults.HasValidUnit)
        {
            failures.Add("Cem:Cases:ManualDefaults:SlaUnit must be hours, days, business-hours or business-days.");
        }
        else if (!(options.ManualDefaults.SlaAmount > 0 && options.ManualDefaults.SlaAmount <= 10_000))
        {
            failures.Add($"Cem:Cases:ManualDefaults:SlaAmount must be greater than 0 and at most 10000; it is {options.ManualDefaults.SlaAmount}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
