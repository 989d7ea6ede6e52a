namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>What a hostile caller puts where a value belongs, by kind; each kind is a class of input the server must refuse or survive.</summary>
public static class HostileValues
{
    /// <summary>Characters the input rules forbid (docs/security.md, "Input rules"): never accepted anywhere.</summary>
    public static readonly IReadOnlyList<string> Forbidden = ["a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u009b"];

    /// <summary>Line breaks and tabs: allowed in free text, never in codes, names, identifiers or query values.</summary>
    public static readonly IReadOnlyList<string> LineBreaks = ["nps\n", "a\tb"];

    public static readonly IReadOnlyList<string> EdgeDates =
        ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+00:00"];

    /// <summary>Identity values that normalise to (almost) nothing.</summary>
    public static readonly IReadOnlyList<string> JunkIdentities = ["+++", "+ ( ) -", " "];

    public static readonly IReadOnlyList<string> Odd = ["", "-1", "99999999999999999999", "=1+1"];

    public static string Oversized(int length) => new('x', length);

    /// <summary>Raw JSON values (not strings) where a string or object belongs; a lone surrogate only JSON escapes can carry.</summary>
    public static readonly IReadOnlyList<string> RawJson = ["5", "true", "{}", "[\"a\"]", "\"\\ud800\""];

    /// <summary>Whole bodies that are not what the endpoint reads.</summary>
    public static readonly IReadOnlyList<string> Bodies = ["", "{", "[]", "null", "\"x\"", "{\"a\":", "{}{}", "\u0000"];

    public static IEnumerable<(string Kind, string Value)> ForStrings() =>
        Forbidden.Select(v => ("control", v))
            .Concat(LineBreaks.Select(v => ("line-break", v)))
            .Concat(EdgeDates.Select(v => ("date", v)))
            .Concat(JunkIdentities.Select(v => ("junk", v)))
            .Concat(Odd.Select(v => ("odd", v)))
            .Append(("oversized", Oversized(3000)));
}
