using System.Diagnostics.CodeAnalysis;

namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// An interval of versions in NuGet notation: <c>[1.0.0,2.0.0)</c> (inclusive/exclusive bounds, either may be
/// empty), or a bare version <c>1.2.0</c> meaning "this version or later". NuGet.Versioning parses and compares;
/// the SDK adds that every bound is a full <see cref="SemanticVersion"/> (<c>1.0</c> is not) and that nothing floats
/// (<c>1.*</c>), so a pack says exactly what it was tested with.
/// </summary>
public sealed record VersionRange(SemanticVersion? Minimum, bool MinimumInclusive, SemanticVersion? Maximum, bool MaximumInclusive)
{
    /// <summary>Parses a range; returns false when the text is not one.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="range">The range, when valid.</param>
    /// <returns>Whether the text is a range.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VersionRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text) || !NuGet.Versioning.VersionRange.TryParse(text.Trim(), allowFloating: false, out var parsed) ||
            !IsSemantic(parsed.MinVersion) || !IsSemantic(parsed.MaxVersion))
        {
            return false;
        }

        range = new VersionRange(
            parsed.MinVersion is { } min ? SemanticVersion.From(min) : null, parsed.IsMinInclusive,
            parsed.MaxVersion is { } max ? SemanticVersion.From(max) : null, parsed.IsMaxInclusive);
        return true;
    }

    /// <summary>Parses a range or throws <see cref="FormatException"/> naming the text.</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The range.</returns>
    public static VersionRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a version range such as [1.0.0,2.0.0).");

    /// <summary>True when <paramref name="version"/> lies within the range.</summary>
    /// <param name="version">The version to test.</param>
    /// <returns>Whether the range includes it.</returns>
    public bool Includes(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new NuGet.Versioning.VersionRange(Minimum?.ToNuGet(), MinimumInclusive, Maximum?.ToNuGet(), MaximumInclusive).Satisfies(version.ToNuGet());
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(MinimumInclusive ? '[' : '(')}{Minimum},{Maximum}{(MaximumInclusive ? ']' : ')')}";

    /// <summary>NuGet also reads <c>1.0</c> and <c>1.0.0.0</c>; a pack's bounds must be major.minor.patch as written.</summary>
    private static bool IsSemantic(NuGet.Versioning.NuGetVersion? bound) =>
        bound is null || SemanticVersion.TryParse(bound.OriginalVersion, out _);
}
