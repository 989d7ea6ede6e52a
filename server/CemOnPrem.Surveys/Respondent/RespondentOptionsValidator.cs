using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>Checks <c>Cem:Surveys:Branding</c>, <c>Cem:Surveys:Respondent</c> and <c>Cem:Surveys:UnitLinks</c> at start; each message names the setting to fix.</summary>
internal sealed class RespondentOptionsValidator : IValidateOptions<RespondentOptions>, IValidateOptions<UnitLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, RespondentOptions options) => Of(options.Validate());

    public ValidateOptionsResult Validate(string? name, UnitLinkOptions options) => Of(options.Validate());

    private static ValidateOptionsResult Of(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
