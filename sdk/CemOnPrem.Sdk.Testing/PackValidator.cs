using System.Text.RegularExpressions;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Testing;

/// <summary>
/// Checks a pack the way the host and the engines will rely on it: manifest, unique ids, valid codes,
/// journeys whose stages are reachable and cannot hold a customer forever, surveys whose branching
/// only looks back (so it cannot cycle), and references that resolve. An empty result means valid.
/// </summary>
public static partial class PackValidator
{
    public static readonly string[] RequiredLanguages = ["en", "zh"];

    public static IReadOnlyList<PackIssue> Validate(PackContent pack, IPackCode? code = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var issues = new Issues();
        ValidateManifest(pack.Manifest, code, pack, issues);
        var touchpoints = ValidateJourneys(pack, issues);
        var metrics = ValidateMetrics(pack, code, touchpoints, issues);
        ValidateSurveys(pack, touchpoints, issues);
        ValidateRules(pack, touchpoints, metrics, issues);
        ValidateLexicons(pack, issues);
        return issues.All;
    }

    private static void ValidateManifest(PackManifest manifest, IPackCode? code, PackContent pack, Issues issues)
    {
        const string at = "pack.json";
        issues.Check(ReverseDns().IsMatch(manifest.Id), at, $"id '{manifest.Id}' must be reverse-DNS, lower-case (e.g. com.example.banking).");
        issues.Check(SemanticVersion.TryParse(manifest.Version, out _), at, $"version '{manifest.Version}' is not major.minor.patch.");
        issues.Check(!string.IsNullOrWhiteSpace(manifest.Publisher), at, "publisher is required.");
        issues.Check(!string.IsNullOrWhiteSpace(manifest.Name), at, "name is required.");
        if (!VersionRange.TryParse(manifest.SdkVersion, out var range))
        {
            issues.Add(at, $"sdkVersion '{manifest.SdkVersion}' is not a version range such as [0.1.0,0.2.0).");
        }
        else
        {
            issues.Check(range.Includes(SdkInfo.Version), at, $"sdkVersion {manifest.SdkVersion} does not include this SDK ({SdkInfo.Version}).");
        }

        foreach (var dependency in manifest.Dependencies)
        {
            issues.Check(ReverseDns().IsMatch(dependency.Id), at, $"dependency id '{dependency.Id}' must be reverse-DNS.");
            issues.Check(VersionRange.TryParse(dependency.Version, out _), at, $"dependency {dependency.Id} has an invalid version range '{dependency.Version}'.");
        }

        foreach (var category in manifest.DataCategories.Concat(manifest.ConsentPurposes))
        {
            issues.Check(Codes.IsValid(category), at, $"'{category}' {Codes.Rule}.");
        }

        foreach (var retention in manifest.RetentionDefaults)
        {
            if (DataRetention.Problem(manifest.Id, retention) is { } problem)
            {
                issues.Add(at, problem);
            }
        }

        foreach (var duplicate in manifest.RetentionDefaults.GroupBy(r => r.Category, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add(at, $"retention category '{duplicate.Key}' has {duplicate.Count()} defaults; declare one.");
        }

        var needsCode = pack.Metrics.Any(m => m.Kind == MetricKind.Custom);
        issues.Check(!needsCode || manifest.EntryAssembly is not null, at, "custom metrics need code: set entryAssembly.");
        issues.Check(code is null || manifest.EntryAssembly is not null, at, "the pack has code but no entryAssembly.");
    }

    internal static void Unique<T>(IEnumerable<T> items, Func<T, string> id, string where, string what, Issues issues)
    {
        foreach (var duplicate in items.GroupBy(id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add(where, $"{what} id '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        foreach (var item in items)
        {
            issues.Check(Codes.IsValid(id(item)), where, $"{what} id '{id(item)}' {Codes.Rule}.");
        }
    }

    internal static void Languages(IReadOnlyDictionary<string, string> texts, string where, string what, Issues issues)
    {
        foreach (var language in RequiredLanguages)
        {
            issues.Check(texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text), where, $"{what} has no '{language}' text.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReverseDns();
}
