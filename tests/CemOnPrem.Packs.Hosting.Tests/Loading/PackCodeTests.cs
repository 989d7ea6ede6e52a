using CemOnPrem.Testing;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Packs.Hosting.Tests.Support;
using CemOnPrem.Sdk.Metrics;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Packs.Hosting.Tests.Loading;

/// <summary>The compiled throwing test pack, loaded through the real McMaster-based loader.</summary>
public sealed class PackCodeTests : IDisposable
{
    private readonly TestPackDirectory _packs = new();

    [Fact]
    public async Task Code_pack_loads_with_sdk_types_shared_with_the_host()
    {
        _packs.AddCodePack("throwing");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var info = registry.Find("com.example.throwing")!;
        Assert.Equal(PackStatus.Loaded, info.Status);
        var calculator = Assert.Single(registry.MetricCalculators);
        Assert.Equal(("com.example.throwing", "behaviour"), (calculator.PackId, calculator.MetricId));
        // Shared types: the pack's IMetricCalculator is the host's (without sharing this cast would fail).
        Assert.IsAssignableFrom<IMetricCalculator>(calculator.Calculator);
        var packAssembly = calculator.Calculator.GetType().Assembly;
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(packAssembly));
        Assert.Contains(calculator.Calculator.GetType().GetInterfaces(), type => ReferenceEquals(type, typeof(IMetricCalculator)));
    }

    [Fact]
    public async Task Pack_that_throws_at_load_is_refused_and_others_still_load()
    {
        _packs.AddCodePack("throwing", marker: "throw-at-load");
        _packs.AddDataPack("data", id: "com.example.data");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal(
            "code: creating CemOnPrem.TestPacks.Throwing.ThrowingPackCode failed (InvalidOperationException: test pack asked to fail at load)",
            registry.Find("com.example.throwing")!.StatusReason);
        Assert.Equal(["com.example.data"], registry.ActivePacks.Select(pack => pack.Id));
        Assert.Empty(registry.MetricCalculators);
    }

    [Fact]
    public async Task Pack_that_hangs_at_load_is_refused_after_the_load_timeout()
    {
        _packs.AddCodePack("throwing", marker: "hang-at-load");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root, loadTimeoutMs: 300));

        Assert.Equal(
            "code: creating CemOnPrem.TestPacks.Throwing.ThrowingPackCode took longer than 300 ms (Cem:Packs:LoadTimeoutMilliseconds)",
            registry.Find("com.example.throwing")!.StatusReason);
    }

    [Fact]
    public async Task Calculator_for_a_metric_the_pack_does_not_define_is_refused()
    {
        _packs.AddCodePack("throwing", withCustomMetric: false);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("code: a calculator computes metric 'behaviour', which the pack does not define as a custom metric", registry.Find("com.example.throwing")!.StatusReason);
    }

    [Fact]
    public async Task Custom_metric_without_code_is_refused()
    {
        var pack = _packs.AddDataPack("data", id: "com.example.data", sign: false);
        TestPackDirectory.Write(pack, "metrics/special.json", new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "special",
            ["name"] = new System.Text.Json.Nodes.JsonObject { ["en"] = "Special" },
            ["kind"] = "custom",
        });
        TestPackDirectory.Sign(pack);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("metric 'special' is custom but pack.json names no entryAssembly to compute it", registry.Find("com.example.data")!.StatusReason);
    }

    [Fact]
    public async Task Entry_assembly_that_is_not_a_dotnet_assembly_is_refused()
    {
        var pack = _packs.AddCodePack("throwing", sign: false);
        File.WriteAllText(Path.Combine(pack, "CemOnPrem.TestPacks.Throwing.dll"), "not an assembly");
        TestPackDirectory.Sign(pack);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.StartsWith("code: CemOnPrem.TestPacks.Throwing.dll could not be loaded (BadImageFormatException", registry.Find("com.example.throwing")!.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calculator_answers_through_the_invoker()
    {
        _packs.AddCodePack("throwing");
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));
        var invoker = new PackInvoker(registry, TestKeys.Options(_packs.Root), new ListLogger<PackInvoker>());

        var result = await invoker.ContributeAsync(registry.MetricCalculators[0], Context("fine"), TestContext.Current.CancellationToken);

        Assert.Equal(PackCallOutcome.Succeeded, result.Outcome);
        Assert.Equal(new MetricContribution(1, 1), result.Value);
    }

    [Fact]
    public async Task Calculator_that_throws_gets_the_pack_disabled_and_never_called_again()
    {
        _packs.AddCodePack("throwing");
        var store = new InMemoryPackStateStore();
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root), store);
        var logger = new ListLogger<PackInvoker>();
        var invoker = new PackInvoker(registry, TestKeys.Options(_packs.Root), logger);
        var calculator = registry.MetricCalculators[0];
        var ct = TestContext.Current.CancellationToken;

        var result = await invoker.ContributeAsync(calculator, Context("throw"), ct);

        const string Reason = "IMetricCalculator.Contribute of metric 'behaviour' threw System.InvalidOperationException";
        Assert.Equal((PackCallOutcome.Faulted, Reason), (result.Outcome, result.Failure));
        var info = registry.Find("com.example.throwing")!;
        Assert.Equal((PackStatus.Faulted, Reason, false), (info.Status, info.StatusReason, info.Active));
        Assert.Empty(registry.MetricCalculators);
        Assert.Contains(logger.Lines, line => line.Level == LogLevel.Error && line.Message == $"Pack com.example.throwing faulted and is disabled: {Reason}");
        // Not called again, even with an input that would succeed.
        var next = await invoker.ContributeAsync(calculator, Context("fine"), ct);
        Assert.Equal((PackCallOutcome.Unavailable, "pack 'com.example.throwing' is not active"), (next.Outcome, next.Failure));
        // The fault is persisted: after a restart the pack stays off until an administrator enables it.
        using var restarted = await Registries.LoadAsync(TestKeys.Options(_packs.Root), store);
        Assert.Equal(PackStatus.Faulted, restarted.Find("com.example.throwing")!.Status);
        var enabled = await restarted.EnableAsync("com.example.throwing", ct);
        Assert.Equal(PackStatus.Loaded, enabled.Pack!.Status);
        Assert.Single(restarted.MetricCalculators);
    }

    [Fact]
    public async Task Calculator_that_exceeds_the_timeout_gets_the_pack_disabled()
    {
        _packs.AddCodePack("throwing");
        _packs.AddDataPack("data", id: "com.example.data");
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root, callTimeoutMs: 200));
        var invoker = new PackInvoker(registry, TestKeys.Options(_packs.Root, callTimeoutMs: 200), new ListLogger<PackInvoker>());
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await invoker.ContributeAsync(registry.MetricCalculators[0], Context("sleep", sleepMs: 20_000), TestContext.Current.CancellationToken);

        Assert.True(started.ElapsedMilliseconds < 15_000, $"the caller waited {started.ElapsedMilliseconds} ms");
        Assert.Equal((PackCallOutcome.Faulted, "IMetricCalculator.Contribute of metric 'behaviour' did not answer within 200 ms"), (result.Outcome, result.Failure));
        Assert.Equal(PackStatus.Faulted, registry.Find("com.example.throwing")!.Status);
        Assert.Equal(["com.example.data"], registry.ActivePacks.Select(pack => pack.Id));
    }

    [Fact]
    public async Task Cancelled_call_does_not_blame_the_pack()
    {
        _packs.AddCodePack("throwing");
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root, callTimeoutMs: 5000));
        var invoker = new PackInvoker(registry, TestKeys.Options(_packs.Root, callTimeoutMs: 5000), new ListLogger<PackInvoker>());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var result = await invoker.ContributeAsync(registry.MetricCalculators[0], Context("sleep", sleepMs: 1000), cancel.Token);

        Assert.Equal(PackCallOutcome.Cancelled, result.Outcome);
        Assert.Equal(PackStatus.Loaded, registry.Find("com.example.throwing")!.Status);
    }

    private static MetricContext Context(string behaviour, int sleepMs = 0) => new(
        new PackEvent
        {
            CustomerKey = "k-1",
            Kind = "touchpoint",
            Touchpoint = "teller",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Attributes = new Dictionary<string, string> { ["behaviour"] = behaviour, ["sleepMs"] = sleepMs.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        []);

    public void Dispose() => _packs.Dispose();
}
