using Microsoft.Extensions.Options;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Checks <c>Cem:Privacy</c> at start: a key cache that holds no key would unwrap a data key for every event, and a
/// blank attribute name would be a rule that protects nothing. Each message names the setting to fix.
/// </summary>
public sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public const int MaxKeyCacheCapacity = 10_000_000;

    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.KeyCacheCapacity is < 1 or > MaxKeyCacheCapacity)
        {
            errors.Add($"{PersonalDataOptions.Section}:KeyCacheCapacity must be between 1 and {MaxKeyCacheCapacity} (is {options.KeyCacheCapacity}).");
        }

        for (var i = 0; i < options.PersonalAttributes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.PersonalAttributes[i]))
            {
                errors.Add($"{PersonalDataOptions.Section}:PersonalAttributes:{i} is empty; name an event attribute or remove the entry.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
