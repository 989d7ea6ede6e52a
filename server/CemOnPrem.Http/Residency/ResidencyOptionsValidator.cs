using System.Text.RegularExpressions;
using CemOnPrem.Http.Configuration;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Http.Residency;

/// <summary>Checks <c>Cem:Residency</c> against <c>Cem:Regions</c> at start-up; every message names the setting to fix.</summary>
public sealed partial class ResidencyOptionsValidator : IValidateOptions<CemOptions>
{
    public ValidateOptionsResult Validate(string? name, CemOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var residency = options.Residency;
        var errors = new List<string>();
        var configured = string.Join(", ", options.Regions.Keys.Order(StringComparer.Ordinal));
        for (var i = 0; i < residency.ServedRegions.Count; i++)
        {
            if (!options.Regions.ContainsKey(residency.ServedRegions[i]))
            {
                errors.Add($"Cem:Residency:ServedRegions:{i}: '{residency.ServedRegions[i]}' is not a configured region (Cem:Regions: {configured}).");
            }
        }

        if (residency.Location.Length > 0 && !options.Regions.ContainsKey(residency.Location))
        {
            errors.Add($"Cem:Residency:Location: '{residency.Location}' is not a configured region (Cem:Regions: {configured}).");
        }

        var served = NodeRegions.ServedOf(options).ToList();
        if (residency.Location.Length == 0 && served.Count > 1 && served.Count < options.Regions.Count)
        {
            errors.Add($"Cem:Residency:Location: required, because this node serves several regions ({string.Join(", ", served)}) but not all; " +
                "name the region whose jurisdiction the node runs in, so reads of the other regions are checked as transfers.");
        }

        for (var i = 0; i < residency.Transfers.Count; i++)
        {
            ValidateRule(errors, $"Cem:Residency:Transfers:{i}", residency.Transfers[i], options, configured);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRule(List<string> errors, string setting, TransferRule rule, CemOptions options, string configured)
    {
        foreach (var (field, value) in new[] { ("From", rule.From), ("To", rule.To) })
        {
            if (!options.Regions.ContainsKey(value))
            {
                errors.Add($"{setting}:{field}: '{value}' is not a configured region (Cem:Regions: {configured}).");
            }
        }

        if (rule.From == rule.To && rule.From.Length > 0)
        {
            errors.Add($"{setting}: From and To are both '{rule.From}'; data that stays in its region needs no transfer rule.");
        }

        if (!PurposePattern().IsMatch(rule.Purpose))
        {
            errors.Add($"{setting}:Purpose: '{rule.Purpose}' must be one purpose code as declared in X-Cem-Purpose (lower-case letters, digits and '-', starting with a letter).");
        }

        if (rule.Categories.Count == 0)
        {
            errors.Add($"{setting}:Categories: name at least one of {string.Join(", ", TransferCategories.All)}.");
        }

        for (var j = 0; j < rule.Categories.Count; j++)
        {
            if (!TransferCategories.All.Contains(rule.Categories[j], StringComparer.Ordinal))
            {
                errors.Add($"{setting}:Categories:{j}: '{rule.Categories[j]}' is not one of {string.Join(", ", TransferCategories.All)}.");
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
