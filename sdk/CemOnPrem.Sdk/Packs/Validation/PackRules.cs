using System.Text.RegularExpressions;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Packs.Validation;

/// <summary>
/// The one set of rules a pack must follow, shared by the host (which refuses a pack that breaks a
/// <see cref="PackRuleLevel.Load"/> rule) and the test kit (which reports every rule): manifest, unique ids, valid
/// codes, journeys whose stages are reachable and cannot hold a customer forever, surveys whose branching only looks
/// back (so it cannot cycle), and references that resolve. An empty result means valid.
/// </summary>
public static partial class PackRules
{
    /// <summary>The rule that the pack's <see cref="PackManifest.SdkVersion"/> range includes this SDK's version.</summary>
    public const string SdkRange = "sdk-range";

    /// <summary>Languages every name, text and lexicon of a pack must come in.</summary>
    public static IReadOnlyList<string> RequiredLanguages { get; } = ["en", "zh"];

    /// <summary>Every rule by name, with its level (docs/packs.md lists them with an example each).</summary>
    public static IReadOnlyDictionary<string, PackRuleLevel> All { get; } = new Dictionary<string, PackRuleLevel>(StringComparer.Ordinal)
    {
        ["manifest-id"] = PackRuleLevel.Load,
        ["manifest-version"] = PackRuleLevel.Load,
        ["sdk-version"] = PackRuleLevel.Load,
        [SdkRange] = PackRuleLevel.Load,
        ["dependency"] = PackRuleLevel.Load,
        ["entry-assembly"] = PackRuleLevel.Load,
        ["manifest-required"] = PackRuleLevel.Publish,
        ["manifest-codes"] = PackRuleLevel.Publish,
        ["retention-default"] = PackRuleLevel.Publish,
        ["custom-metric-code"] = PackRuleLevel.Publish,
        ["unique-id"] = PackRuleLevel.Load,
        ["code"] = PackRuleLevel.Load,
        ["duration"] = PackRuleLevel.Load,
        ["positive-amount"] = PackRuleLevel.Load,
        ["journey-stages"] = PackRuleLevel.Load,
        ["touchpoint-one-stage"] = PackRuleLevel.Load,
        ["stage-timeout"] = PackRuleLevel.Load,
        ["journey-ends"] = PackRuleLevel.Load,
        ["metric-shape"] = PackRuleLevel.Load,
        ["event-filter"] = PackRuleLevel.Load,
        ["survey-trigger"] = PackRuleLevel.Load,
        ["survey-questions"] = PackRuleLevel.Load,
        ["survey-branching"] = PackRuleLevel.Load,
        ["rule-trigger"] = PackRuleLevel.Load,
        ["rule-case"] = PackRuleLevel.Load,
        ["lexicon-shape"] = PackRuleLevel.Load,
        ["languages"] = PackRuleLevel.Publish,
        ["touchpoint-reference"] = PackRuleLevel.Publish,
        ["lexicon-terms"] = PackRuleLevel.Publish,
        ["code-calculators"] = PackRuleLevel.Load,
    };

    /// <summary>Checks the manifest alone (what the host can check before it reads any other file).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The problems, in the order the host reports them (it refuses for the first <see cref="PackRuleLevel.Load"/> one).</returns>
    public static IReadOnlyList<PackProblem> CheckManifest(PackManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new Problems();
        CheckManifest(manifest, problems);
        return problems.All;
    }

    /// <summary>Checks the manifest and all content (journeys, metrics, surveys, rules, lexicons).</summary>
    /// <param name="pack">The pack's content.</param>
    /// <returns>The problems; empty when the pack is valid.</returns>
    public static IReadOnlyList<PackProblem> CheckContent(PackContent pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var problems = new Problems();
        CheckManifest(pack.Manifest, problems);
        problems.Check(!pack.Metrics.Any(m => m.Kind == MetricKind.Custom) || pack.Manifest.EntryAssembly is not null, "custom-metric-code", ManifestFile,
            "custom metrics need code: set entryAssembly.");
        var touchpoints = CheckJourneys(pack, problems);
        var metrics = CheckMetrics(pack, touchpoints, problems);
        CheckSurveys(pack, touchpoints, problems);
        CheckCaseRules(pack, touchpoints, metrics, problems);
        CheckLexicons(pack, problems);
        return problems.All;
    }

    /// <summary>Checks a pack's code against its content: one calculator per custom metric and none for anything else.</summary>
    /// <param name="pack">The pack's content.</param>
    /// <param name="code">The pack's code, or null for a data-only pack.</param>
    /// <returns>The problems; empty when code and content agree.</returns>
    public static IReadOnlyList<PackProblem> CheckCode(PackContent pack, IPackCode? code)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var problems = new Problems();
        problems.Check(code is null || pack.Manifest.EntryAssembly is not null, "code-calculators", ManifestFile, "the pack has code but no entryAssembly.");
        CheckCalculators(pack, code?.MetricCalculators.Select(calculator => calculator?.MetricId) ?? [], problems);
        return problems.All;
    }

    /// <summary>
    /// Checks the metric ids of a pack's calculators against its custom metrics (for a host that has already read them
    /// from the code, under its own timeout).
    /// </summary>
    /// <param name="pack">The pack's content.</param>
    /// <param name="calculatorMetricIds">The metric id of each calculator; null for a null calculator or one without an id.</param>
    /// <returns>The problems, in the order the host reports them (it refuses for the first).</returns>
    public static IReadOnlyList<PackProblem> CheckCalculators(PackContent pack, IEnumerable<string?> calculatorMetricIds)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(calculatorMetricIds);
        var problems = new Problems();
        CheckCalculators(pack, calculatorMetricIds, problems);
        return problems.All;
    }

    private static void CheckCalculators(PackContent pack, IEnumerable<string?> calculatorMetricIds, Problems problems)
    {
        var ids = calculatorMetricIds.ToList();
        var custom = pack.Metrics.Where(metric => metric.Kind == MetricKind.Custom).Select(metric => metric.Id).ToHashSet(StringComparer.Ordinal);
        problems.Check(!ids.Contains(null), "code-calculators", "code",
            $"{nameof(IPackCode.MetricCalculators)} holds a null calculator or a calculator without a metric id");
        foreach (var group in ids.OfType<string>().GroupBy(id => id, StringComparer.Ordinal))
        {
            problems.Check(group.Count() == 1, "code-calculators", "code", $"metric '{group.Key}' has {group.Count()} calculators; keep one");
            problems.Check(custom.Contains(group.Key), "code-calculators", "code", $"a calculator computes metric '{group.Key}', which the pack does not define as a custom metric");
        }

        var missing = custom.Where(id => !ids.Contains(id)).Order(StringComparer.Ordinal).ToList();
        problems.Check(missing.Count == 0, "code-calculators", "code", $"custom metric(s) without a calculator: {string.Join(", ", missing)}");
    }

    internal static PackRuleLevel LevelOf(string rule) => All[rule];

    private const string ManifestFile = PackContentReader.ManifestFile;

    private static void CheckManifest(PackManifest manifest, Problems problems)
    {
        problems.Check(ReverseDns().IsMatch(manifest.Id), "manifest-id", ManifestFile,
            $"id '{manifest.Id}' is not a lower-case reverse-DNS name such as com.example.banking");
        problems.Check(SemanticVersion.TryParse(manifest.Version, out _), "manifest-version", ManifestFile,
            $"version '{manifest.Version}' is not a semantic version (major.minor.patch)");
        if (!VersionRange.TryParse(manifest.SdkVersion, out var range))
        {
            problems.Add("sdk-version", ManifestFile, $"sdkVersion '{manifest.SdkVersion}' is not a version range such as [0.1.0,0.2.0)");
        }
        else
        {
            problems.Check(range.Includes(SdkInfo.Version), SdkRange, ManifestFile,
                $"SDK range mismatch: the pack needs SDK {manifest.SdkVersion} but this host has SDK {SdkInfo.Version}");
        }

        foreach (var dependency in manifest.Dependencies)
        {
            problems.Check(ReverseDns().IsMatch(dependency.Id) && VersionRange.TryParse(dependency.Version, out _), "dependency", ManifestFile,
                $"dependency '{dependency.Id}' needs a reverse-DNS id and a version range such as [1.0.0,2.0.0) (got '{dependency.Version}')");
        }

        problems.Check(manifest.EntryAssembly is not { } entry || (Path.GetFileName(entry) == entry && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)),
            "entry-assembly", ManifestFile, $"entryAssembly '{manifest.EntryAssembly}' must be a .dll file name at the root of the pack folder");
        problems.Check(!string.IsNullOrWhiteSpace(manifest.Publisher), "manifest-required", ManifestFile, "publisher is required.");
        problems.Check(!string.IsNullOrWhiteSpace(manifest.Name), "manifest-required", ManifestFile, "name is required.");
        foreach (var category in manifest.DataCategories.Concat(manifest.ConsentPurposes))
        {
            problems.Check(Codes.IsValid(category), "manifest-codes", ManifestFile, $"'{category}' {Codes.Rule}.");
        }

        foreach (var retention in manifest.RetentionDefaults)
        {
            if (DataRetention.Problem(manifest.Id, retention) is { } problem)
            {
                problems.Add("retention-default", ManifestFile, problem);
            }
        }

        foreach (var duplicate in manifest.RetentionDefaults.GroupBy(r => r.Category, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add("retention-default", ManifestFile, $"retention category '{duplicate.Key}' has {duplicate.Count()} defaults; declare one.");
        }
    }

    private static void Unique<T>(IEnumerable<T> items, Func<T, string> id, string where, string what, Problems problems)
    {
        foreach (var duplicate in items.GroupBy(id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add("unique-id", where, $"{what} id '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        foreach (var item in items)
        {
            problems.Check(Codes.IsValid(id(item)), "code", where, $"{what} id '{id(item)}' {Codes.Rule}.");
        }
    }

    private static void Languages(IReadOnlyDictionary<string, string> texts, string where, string what, Problems problems) =>
        Languages(texts, where, what, RequiredLanguages, problems);

    private static void Languages(IReadOnlyDictionary<string, string> texts, string where, string what, IReadOnlyList<string> languages, Problems problems)
    {
        foreach (var language in languages)
        {
            problems.Check(texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text), "languages", where, $"{what} has no '{language}' text.");
        }
    }

    /// <summary>
    /// Reverse-DNS: two or more dot-separated labels of lower-case letters and digits, hyphens only inside a label
    /// (as in DNS), the first label starting with a letter (as a top-level domain does): <c>com.acme-bank.claims</c>.
    /// </summary>
    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReverseDns();
}
