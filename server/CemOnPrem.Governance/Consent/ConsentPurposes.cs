using System.Text.RegularExpressions;
using CemOnPrem.Plugins.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance;

/// <summary>The purposes a consent can be recorded for: the configured ones plus those the active packs declare or their surveys name.</summary>
public sealed partial class ConsentPurposes(IOptions<PrivacyOptions> options, PackRegistry packs)
{
    public static bool IsValidName(string? purpose) => purpose is not null && NamePattern().IsMatch(purpose);

    /// <returns>The legal basis of a known purpose, or null for a purpose nobody declared.</returns>
    public string? BasisOf(string purpose)
    {
        if (options.Value.Purposes.TryGetValue(purpose, out var basis))
        {
            return basis;
        }

        // A pack's survey purpose that is not configured rests on consent: the safe reading.
        return PackPurposes().Contains(purpose, StringComparer.Ordinal) ? LegalBasis.Consent : null;
    }

    public IReadOnlyList<string> Known() =>
        [.. options.Value.Purposes.Keys
            .Concat(PackPurposes())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>What the active packs declare in their manifests and name on their surveys.</summary>
    private IEnumerable<string> PackPurposes() =>
        packs.ActivePacks.SelectMany(pack => pack.Content.Manifest.ConsentPurposes.Concat(pack.Content.Surveys.Select(survey => survey.ConsentPurpose)));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
