using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Hosting;

/// <summary>A snapshot of one pack as the registry sees it (for the API and logs).</summary>
public sealed record PackInfo
{
    /// <summary>The manifest id, or the folder name when the manifest could not be read.</summary>
    public required string Id { get; init; }

    /// <summary>The pack's folder name inside the packs directory.</summary>
    public required string Folder { get; init; }

    /// <summary>The manifest, when it could be read.</summary>
    public PackManifest? Manifest { get; init; }

    /// <summary>Loaded, refused, disabled by an administrator or faulted.</summary>
    public required PackStatus Status { get; init; }

    /// <summary>Why the pack is not loaded (refusal, fault or the administrator's reason); null when loaded.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Whether the pack's content and code are offered now (loaded and every dependency active).</summary>
    public required bool Active { get; init; }

    /// <summary>The administrator's switch (false also after a fault); true unless changed.</summary>
    public required bool Enabled { get; init; }

    /// <summary>When <see cref="Enabled"/> last changed, if ever.</summary>
    public DateTimeOffset? EnabledChangedAt { get; init; }

    /// <summary>The signature verdict.</summary>
    public required PackSignatureInfo Signature { get; init; }

    /// <summary>Ids of what the pack contributes (empty when its content could not be read).</summary>
    public required PackContributions Contributes { get; init; }
}

/// <summary>The signature verdict of a pack.</summary>
/// <param name="State">Verified, unsigned-allowed or invalid.</param>
/// <param name="Reason">Why invalid (or that it is unsigned); null when verified.</param>
/// <param name="Publisher">The publisher the signature names.</param>
/// <param name="KeyId">The key id the signature names.</param>
public sealed record PackSignatureInfo(PackSignatureState State, string? Reason, string? Publisher, string? KeyId);

/// <summary>Ids of what a pack contributes.</summary>
public sealed record PackContributions(
    IReadOnlyList<string> Journeys,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Surveys,
    IReadOnlyList<string> Rules,
    IReadOnlyList<string> LexiconLanguages)
{
    /// <summary>Nothing.</summary>
    public static PackContributions None { get; } = new([], [], [], [], []);

    /// <summary>The ids in a pack's content.</summary>
    public static PackContributions Of(PackContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(
            [.. content.Journeys.Select(item => item.Id)],
            [.. content.Metrics.Select(item => item.Id)],
            [.. content.Surveys.Select(item => item.Id)],
            [.. content.Rules.Select(item => item.Id)],
            [.. content.Lexicons.Select(item => item.Language)]);
    }
}
