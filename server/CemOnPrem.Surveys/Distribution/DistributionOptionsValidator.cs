using CemOnPrem.Delivery;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>Checks <c>Cem:Surveys:Distribution</c>, <c>:Gateway</c> and <c>:Smtp</c> at start; each message names the setting to fix.</summary>
public sealed class DistributionOptionsValidator : IValidateOptions<DistributionOptions>, IValidateOptions<GatewayOptions>, IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, DistributionOptions options) => Of(options.Validate());

    public ValidateOptionsResult Validate(string? name, GatewayOptions options) => Of(options.Validate());

    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        name == SurveySmtp.Name ? Of(options.Validate(SurveySmtp.Section)) : ValidateOptionsResult.Skip;

    private static ValidateOptionsResult Of(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
