using System.Reflection;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;

namespace CemOnPrem.Packs.Hosting.Loading;

/// <summary>
/// Loads a verified pack's entry assembly, finds its one <see cref="IPackCode"/>, creates it under a
/// timeout and checks that every custom metric has exactly one calculator. Any failure refuses the pack.
/// </summary>
internal static class PackCodeLoading
{
    public static async Task LoadAsync(ScannedPack pack, PackHostOptions options, TrustedPublisherKeys trusted, IPackAssemblyLoader assemblies)
    {
        var manifest = pack.Manifest!;
        var path = Path.Combine(pack.Path, manifest.EntryAssembly!);
        if (!File.Exists(path))
        {
            pack.Refuse($"code: entryAssembly '{manifest.EntryAssembly}' is not in the pack folder");
            return;
        }

        // Re-hash right before code loads: the files may have changed since the folder was scanned.
        if (pack.Signature.State == PackSignatureState.Verified && PackSigning.Verify(pack.Path, trusted, manifest.Publisher) is { IsValid: false } again)
        {
            pack.Refuse("signature: " + again.Reason);
            return;
        }

        Type entryType;
        try
        {
            var assembly = assemblies.LoadEntryAssembly(path);
            var candidates = assembly.GetExportedTypes()
                .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IPackCode).IsAssignableFrom(type))
                .ToList();
            if (candidates.Count != 1)
            {
                pack.Refuse(candidates.Count == 0
                    ? $"code: {manifest.EntryAssembly} has no public class implementing {nameof(IPackCode)} (does the pack reference the SDK with ExcludeAssets=runtime?)"
                    : $"code: {manifest.EntryAssembly} has {candidates.Count} public classes implementing {nameof(IPackCode)} ({string.Join(", ", candidates.Select(type => type.FullName))}); keep one");
                return;
            }

            entryType = candidates[0];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            pack.Refuse($"code: {manifest.EntryAssembly} could not be loaded ({Describe(ex)})");
            return;
        }

        var timeout = TimeSpan.FromMilliseconds(options.LoadTimeoutMilliseconds);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var creation = Task.Run(() =>
        {
            started.TrySetResult();
            var code = (IPackCode)Activator.CreateInstance(entryType)!;
            return code.MetricCalculators.Select(calculator => (calculator.MetricId, calculator)).ToList();
        });
        List<(string MetricId, IMetricCalculator Calculator)> calculators;
        try
        {
            // The clock starts when the pack code starts, not when the work item was queued.
            await started.Task.ConfigureAwait(false);
            calculators = await creation.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ObserveLater(creation);
            pack.Refuse($"code: creating {entryType.FullName} took longer than {options.LoadTimeoutMilliseconds} ms ({PackHostOptions.Section}:LoadTimeoutMilliseconds)");
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            pack.Refuse($"code: creating {entryType.FullName} failed ({Describe(ex)})");
            return;
        }

        if (CalculatorProblem(pack.Content!, calculators) is { } problem)
        {
            pack.Refuse("code: " + problem);
            return;
        }

        pack.Calculators = [.. calculators.Select(pair => new PackMetricCalculator(manifest.Id, pair.MetricId, pair.Calculator))];
    }

    /// <summary>The kit's code rule, on the calculators read under the timeout (the code is not asked again).</summary>
    private static string? CalculatorProblem(PackContent content, List<(string MetricId, IMetricCalculator Calculator)> calculators) =>
        PackRules.CheckCalculators(content, calculators.Select(pair => pair.Calculator is null ? null : pair.MetricId)) is [var first, ..] ? first.Message : null;

    /// <summary>Type and message of the innermost meaningful exception (load-time messages carry no customer data).</summary>
    private static string Describe(Exception ex)
    {
        while (ex is TargetInvocationException or AggregateException && ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex is ReflectionTypeLoadException types && types.LoaderExceptions.FirstOrDefault(inner => inner is not null) is { } first
            ? $"{first.GetType().Name}: {first.Message}"
            : $"{ex.GetType().Name}: {ex.Message}";
    }

    /// <summary>A call that outlived its timeout may still fail later; observe it so it is not reported as unobserved.</summary>
    internal static void ObserveLater(Task task) =>
        task.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
