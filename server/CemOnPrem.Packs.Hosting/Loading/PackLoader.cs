using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;

namespace CemOnPrem.Packs.Hosting.Loading;

/// <summary>
/// Scans the packs directory (one folder per pack) and decides, pack by pack, whether it may load:
/// signature and file hashes, manifest, SDK range, content, duplicates, dependencies, then code. Nothing
/// of a pack's code runs before its signature and files are verified. Every refusal carries a reason.
/// </summary>
internal sealed class PackLoader(PackHostOptions options, TrustedPublisherKeys trusted, IPackAssemblyLoader assemblies)
{
    public async Task<IReadOnlyList<ScannedPack>> LoadAllAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.Directory))
        {
            return [];
        }

        var packs = Directory.GetDirectories(options.Directory)
            .Where(path => !System.IO.Path.GetFileName(path).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(path => CheckReadable(new ScannedPack(System.IO.Path.GetFileName(path), path)))
            .ToList();
        RefuseDuplicates(packs);
        foreach (var pack in InDependencyOrder(packs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            CheckDependencies(pack, packs);
            if (!pack.IsRefused && pack.Manifest!.EntryAssembly is not null)
            {
                await PackCodeLoading.LoadAsync(pack, options, trusted, assemblies).ConfigureAwait(false);
            }
            else if (!pack.IsRefused && pack.Content!.Metrics.FirstOrDefault(metric => metric.Kind == Sdk.Metrics.MetricKind.Custom) is { } custom)
            {
                pack.Refuse($"metric '{custom.Id}' is custom but pack.json names no entryAssembly to compute it");
            }
        }

        return packs;
    }

    /// <summary>One unreadable folder must not stop the others (or the server) from loading.</summary>
    private ScannedPack CheckReadable(ScannedPack pack)
    {
        try
        {
            return Check(pack);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            pack.Refuse($"unreadable: {ex.Message}");
            return pack;
        }
    }

    private ScannedPack Check(ScannedPack pack)
    {
        string? manifestProblem = null;
        try
        {
            pack.Manifest = PackContentReader.ReadManifest(pack.Path);
        }
        catch (PackFormatException ex)
        {
            manifestProblem = ex.Message;
        }

        var signature = PackSigning.Verify(pack.Path, trusted, pack.Manifest?.Publisher);
        pack.Signature = signature.Outcome switch
        {
            SignatureOutcome.Verified => new(PackSignatureState.Verified, null, signature.Publisher, signature.KeyId),
            SignatureOutcome.NotSigned when options.AllowUnsigned => new(PackSignatureState.UnsignedAllowed, signature.Reason, null, null),
            SignatureOutcome.NotSigned => new(PackSignatureState.Invalid,
                signature.Reason + $" (sign it with 'cemctl pack sign', or set {PackHostOptions.Section}:AllowUnsigned=true for development)", null, null),
            _ => new(PackSignatureState.Invalid, signature.Reason, signature.Publisher, signature.KeyId),
        };
        if (pack.Signature.State == PackSignatureState.Invalid)
        {
            pack.Refuse("signature: " + pack.Signature.Reason);
            return pack;
        }

        if (manifestProblem is not null)
        {
            pack.Refuse("manifest: " + manifestProblem);
            return pack;
        }

        var manifest = pack.Manifest!;
        if (ManifestProblem(manifest) is { } problem)
        {
            pack.Refuse(problem);
            return pack;
        }

        try
        {
            pack.Content = PackContentReader.Read(pack.Path);
            if (ContentProblem(pack.Content) is { } broken)
            {
                pack.Refuse(broken);
            }
        }
        catch (PackFormatException ex)
        {
            pack.Refuse("content: " + ex.Message);
        }

        return pack;
    }

    /// <summary>The first <see cref="PackRuleLevel.Load"/> rule the manifest breaks, as the refusal reason.</summary>
    private static string? ManifestProblem(PackManifest manifest) =>
        PackRules.CheckManifest(manifest).FirstOrDefault(problem => problem.Level == PackRuleLevel.Load) is { } problem
            ? (problem.Rule == PackRules.SdkRange ? problem.Message : "manifest: " + problem.Message)
            : null;

    /// <summary>The host runs the content rules the test kit runs; a pack that breaks a load rule is refused naming it.</summary>
    private static string? ContentProblem(PackContent content) =>
        PackRules.CheckContent(content).FirstOrDefault(problem => problem.Level == PackRuleLevel.Load) is { } problem
            ? "content: " + problem
            : null;

    private static void RefuseDuplicates(List<ScannedPack> packs)
    {
        foreach (var group in packs.Where(pack => pack.Manifest is not null).GroupBy(pack => pack.Id, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var folders = string.Join(", ", group.Select(pack => pack.Folder));
            foreach (var pack in group)
            {
                pack.Refuse($"duplicate id: '{pack.Id}' is declared by several pack folders ({folders}); keep one");
            }
        }
    }

    private static void CheckDependencies(ScannedPack pack, List<ScannedPack> packs)
    {
        if (pack.IsRefused)
        {
            return;
        }

        foreach (var dependency in pack.Manifest!.Dependencies)
        {
            var range = VersionRange.Parse(dependency.Version);
            var found = packs.Where(other => other.Manifest?.Id == dependency.Id).ToList();
            if (found.Count == 0)
            {
                pack.Refuse($"missing dependency: '{dependency.Id}' {dependency.Version} is not installed");
            }
            else if (found[0].Manifest!.Version is var version && !range.Includes(SemanticVersion.Parse(version)))
            {
                pack.Refuse($"dependency version mismatch: needs '{dependency.Id}' {dependency.Version} but {version} is installed");
            }
            else if (found[0].IsRefused)
            {
                pack.Refuse($"dependency refused: '{dependency.Id}' could not be loaded");
            }
        }
    }

    /// <summary>Packs ordered so that dependencies come first; packs in a dependency cycle are refused.</summary>
    private static List<ScannedPack> InDependencyOrder(List<ScannedPack> packs)
    {
        var byId = packs.Where(pack => !pack.IsRefused).ToDictionary(pack => pack.Id, StringComparer.Ordinal);
        var ordered = new List<ScannedPack>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var pack in packs)
        {
            Visit(pack, []);
        }

        return ordered;

        void Visit(ScannedPack pack, List<string> path)
        {
            if (state.TryGetValue(pack.Id, out var done))
            {
                if (!done)
                {
                    var cycle = path[path.IndexOf(pack.Id)..];
                    foreach (var member in cycle.Where(byId.ContainsKey))
                    {
                        byId[member].Refuse($"dependency cycle: {string.Join(" -> ", cycle)} -> {pack.Id}");
                    }
                }

                return;
            }

            state[pack.Id] = false;
            path.Add(pack.Id);
            if (!pack.IsRefused)
            {
                foreach (var dependency in pack.Manifest!.Dependencies)
                {
                    if (byId.TryGetValue(dependency.Id, out var other))
                    {
                        Visit(other, path);
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            state[pack.Id] = true;
            ordered.Add(pack);
        }
    }
}
