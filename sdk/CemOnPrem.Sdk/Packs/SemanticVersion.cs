using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// A <c>major.minor.patch[-prerelease]</c> version, ordered by SemVer 2 precedence (build metadata ignored). Parsing
/// and ordering are NuGet.Versioning's strict SemVer 2 implementation; this record keeps the SDK's public surface free
/// of NuGet types.
/// </summary>
public sealed record SemanticVersion(int Major, int Minor, int Patch, string? Prerelease = null) : IComparable<SemanticVersion>
{
    /// <summary>Parses a version; returns false for anything that is not <c>major.minor.patch[-pre][+build]</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="version">The version, when valid.</param>
    /// <returns>Whether the text is a version.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text) || !NuGet.Versioning.SemanticVersion.TryParse(text, out var parsed))
        {
            return false;
        }

        version = From(parsed);
        return true;
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/> naming the text.</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The version.</returns>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version (major.minor.patch).");

    /// <inheritdoc />
    public int CompareTo(SemanticVersion? other) =>
        other is null ? 1 : NuGet.Versioning.VersionComparer.VersionRelease.Compare(ToNuGet(), other.ToNuGet());

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(SemanticVersion left, SemanticVersion right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(SemanticVersion left, SemanticVersion right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equals <paramref name="right"/>.</summary>
    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equals <paramref name="right"/>.</summary>
    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left is null ? right is null : left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() =>
        Prerelease is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}")
            : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}-{Prerelease}");

    internal static SemanticVersion From(NuGet.Versioning.SemanticVersion version) =>
        new(version.Major, version.Minor, version.Patch, version.IsPrerelease ? version.Release : null);

    internal NuGet.Versioning.NuGetVersion ToNuGet() => new(Major, Minor, Patch, Prerelease ?? string.Empty);
}
