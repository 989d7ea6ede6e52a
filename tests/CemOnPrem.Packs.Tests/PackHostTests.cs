using CemOnPrem.Packs.Hosting;

namespace CemOnPrem.Packs.Tests;

/// <summary>The four shipped packs, signed and installed, load through the real plugin host.</summary>
public sealed class PackHostTests
{
    [Fact]
    public void All_four_packs_are_verified_and_active()
    {
        var packs = HostedPacks.Registry.Packs;

        Assert.Equal(4, packs.Count);
        Assert.All(packs, pack =>
        {
            Assert.True(pack.Status == PackStatus.Loaded, $"{pack.Id}: {pack.Status} {pack.StatusReason}");
            Assert.Equal(PackSignatureState.Verified, pack.Signature.State);
        });
        Assert.Equal(
            ["com.cemonprem.automotive", "com.cemonprem.banking", "com.cemonprem.insurance", "com.cemonprem.retail"],
            packs.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_custom_metric_has_its_calculator_loaded_from_pack_code()
    {
        foreach (var pack in HostedPacks.Registry.ActivePacks)
        {
            var custom = pack.Content.Metrics.Where(m => m.Kind == Sdk.Metrics.MetricKind.Custom).Select(m => m.Id).Order(StringComparer.Ordinal);
            Assert.Equal(custom, pack.Calculators.Select(c => c.MetricId).Order(StringComparer.Ordinal));
        }
    }
}
