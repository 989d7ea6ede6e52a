namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// A pack's identity and promises, read from <c>pack.json</c> at the root of the pack folder before any
/// pack code is loaded.
/// </summary>
public sealed record PackManifest
{
    /// <summary>Reverse-DNS identifier, e.g. <c>com.cemonprem.banking</c>; lower-case, unique per deployment.</summary>
    public required string Id { get; init; }

    /// <summary>The pack's own semantic version, e.g. <c>1.2.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Who publishes and signs the pack; must match a trusted publisher key of the host.</summary>
    public required string Publisher { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>What the pack is for, in a sentence or two.</summary>
    public string? Description { get; init; }

    /// <summary>SDK versions the pack works with, as an interval, e.g. <c>[0.1,0.2)</c>.</summary>
    public required string SdkVersion { get; init; }

    /// <summary>Other packs this one needs, with version ranges.</summary>
    public IReadOnlyList<PackDependency> Dependencies { get; init; } = [];

    /// <summary>Categories of personal data the pack's content touches (e.g. <c>contact</c>, <c>financial</c>, <c>free-text</c>).</summary>
    public IReadOnlyList<string> DataCategories { get; init; } = [];

    /// <summary>Consent purposes the pack's surveys and rules rely on, beyond the built-in ones.</summary>
    public IReadOnlyList<string> ConsentPurposes { get; init; } = [];

    /// <summary>
    /// Event fields (attribute names, or <c>text</c> for the free text) in which the host keeps card numbers as sent.
    /// Everywhere else a Luhn-valid card number is redacted at ingest to its first 6 and last 4 digits.
    /// </summary>
    public IReadOnlyList<string> PanAllowedFields { get; init; } = [];

    /// <summary>
    /// Default retention periods per data category, used where the operator configured none
    /// (<c>Cem:Privacy:Retention:Periods</c>); each with a reason. See <see cref="DataRetention"/>.
    /// </summary>
    public IReadOnlyList<RetentionDefault> RetentionDefaults { get; init; } = [];

    /// <summary>File name of the pack's .NET assembly when it contributes code (custom metrics); null for data-only packs.</summary>
    public string? EntryAssembly { get; init; }
}

/// <summary>A dependency on another pack.</summary>
public sealed record PackDependency
{
    /// <summary>The other pack's id.</summary>
    public required string Id { get; init; }

    /// <summary>Acceptable versions, as an interval, e.g. <c>[1.0,2.0)</c>.</summary>
    public required string Version { get; init; }
}
