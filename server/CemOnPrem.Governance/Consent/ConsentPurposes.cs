using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance;

/// <summary>The purposes a consent can be recorded for: the configured ones plus those the active packs declare or their surveys name.</summary>
public sealed class ConsentPurposes(IOptions<PrivacyOptions> options, PackRegistry packs)
{
    /// <summary>A purpose is a code (<see cref="Codes"/>, the one validator of codes) without '.' or '_'.</summary>
    public static bool IsValidName(string? purpose) => Codes.IsValid(purpose) && !purpose!.Contains('.', StringComparison.Ordinal) && !purpose.Contains('_', StringComparison.Ordinal);

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
}
