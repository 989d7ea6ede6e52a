namespace CemOnPrem.Sdk.Packs;

/// <summary>Facts about this SDK build that packs are checked against.</summary>
public static class SdkInfo
{
    /// <summary>The SDK's semantic version; a pack's <see cref="PackManifest.SdkVersion"/> range must include it.</summary>
    public static SemanticVersion Version { get; } = new(0, 1, 0);
}
