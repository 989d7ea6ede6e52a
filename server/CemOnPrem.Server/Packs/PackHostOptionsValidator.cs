using CemOnPrem.Packs.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Packs;

/// <summary>Checks <c>Cem:Packs</c> at start; each message names the setting to fix.</summary>
public sealed class PackHostOptionsValidator(IConfiguration configuration) : IValidateOptions<PackHostOptions>
{
    public ValidateOptionsResult Validate(string? name, PackHostOptions options)
    {
        var explicitDirectory = !string.IsNullOrWhiteSpace(configuration[PackHostOptions.Section + ":Directory"]);
        var errors = PackHostOptionsValidation.Validate(options, explicitDirectory);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
