using System.Text.RegularExpressions;

namespace CemOnPrem.Sdk;

/// <summary>
/// The naming rules for codes that packs and channels share with the server: touchpoints, sources,
/// org units, identity types, attribute and score keys. A pack whose codes follow these rules can be
/// referenced by any event the ingest API accepts.
/// </summary>
public static partial class Codes
{
    /// <summary>Longest code the server accepts, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// True when <paramref name="code"/> is a valid code: 1–64 characters, starts with a lower-case
    /// ASCII letter or digit, then lower-case letters, digits, '.', '_' or '-'.
    /// </summary>
    /// <param name="code">The candidate code.</param>
    /// <returns>Whether the code follows the rules.</returns>
    public static bool IsValid(string? code) =>
        code is { Length: > 0 and <= MaxLength } && CodePattern().IsMatch(code);

    /// <summary>A sentence describing the rule, for error messages.</summary>
    public const string Rule =
        "must be 1-64 characters of lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
