using System.Diagnostics.CodeAnalysis;

namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// An interval of versions in NuGet notation: <c>[1.0.0,2.0.0)</c> (inclusive/exclusive bounds, either may be
/// empty), or a bare version <c>1.2.0</c> meaning "this version or later".
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
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (trimmed[0] is not ('[' or '('))
        {
            if (!SemanticVersion.TryParse(trimmed, out var floor))
            {
                return false;
            }

            range = new VersionRange(floor, true, null, false);
            return true;
        }

        if (trimmed.Length < 3 || trimmed[^1] is not (']' or ')'))
        {
            return false;
        }

        var parts = trimmed[1..^1].Split(',');
        if (parts.Length != 2)
        {
            return false;
        }

        SemanticVersion? min = null, max = null;
        if ((parts[0].Trim() is { Length: > 0 } low && !SemanticVersion.TryParse(low, out min)) ||
            (parts[1].Trim() is { Length: > 0 } high && !SemanticVersion.TryParse(high, out max)) ||
            (min is not null && max is not null && min > max))
        {
            return false;
        }

        range = new VersionRange(min, trimmed[0] == '[', max, trimmed[^1] == ']');
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
        var aboveMinimum = Minimum is null || (MinimumInclusive ? version >= Minimum : version > Minimum);
        var belowMaximum = Maximum is null || (MaximumInclusive ? version <= Maximum : version < Maximum);
        return aboveMinimum && belowMaximum;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(MinimumInclusive ? '[' : '(')}{Minimum},{Maximum}{(MaximumInclusive ? ']' : ')')}";
}
