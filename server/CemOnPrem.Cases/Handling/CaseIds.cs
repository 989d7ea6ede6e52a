using System.Text.RegularExpressions;

namespace CemOnPrem.Cases.Handling;

/// <summary>The shape of a case id (<c>case-</c> and a UUID v7 in hex, see <c>NewCase.NewId</c>): anything else names no case.</summary>
internal static partial class CaseIds
{
    public static bool IsWellFormed(string caseId) => Pattern().IsMatch(caseId);

    [GeneratedRegex("^case-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
