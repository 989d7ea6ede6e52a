using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Hosting.Loading;

/// <summary>What loading found out about one pack folder; immutable once loading is done.</summary>
internal sealed class ScannedPack(string folder, string path)
{
    public string Folder { get; } = folder;

    public string Path { get; } = path;

    public PackManifest? Manifest { get; set; }

    public PackContent? Content { get; set; }

    public PackSignatureInfo Signature { get; set; } = new(PackSignatureState.Invalid, "not checked", null, null);

    public IReadOnlyList<PackMetricCalculator> Calculators { get; set; } = [];

    public string? RefusalReason { get; private set; }

    public string Id => Manifest?.Id ?? Folder;

    public bool IsRefused => RefusalReason is not null;

    /// <summary>Records the first reason only: later checks are consequences.</summary>
    public void Refuse(string reason) => RefusalReason ??= reason;
}
