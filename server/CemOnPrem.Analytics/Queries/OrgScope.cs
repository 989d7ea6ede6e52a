using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// The org-unit side of a query: which recorded codes to include (a subtree, or all) and, when grouping by org
/// unit, which group each code rolls up into — the direct children of the filter unit (or the top-level units),
/// each standing for its whole subtree. Codes outside the tree (or none) form the unassigned group "".
/// </summary>
internal sealed class OrgScope
{
    private readonly Dictionary<string, string> _groupOf = new(StringComparer.Ordinal);

    private OrgScope(IReadOnlyList<string>? codes) => Codes = codes;

    /// <summary>Codes to filter on; null means every code (no org-unit filter).</summary>
    public IReadOnlyList<string>? Codes { get; }

    public static async Task<OrgScope?> ResolveAsync(OrgTreeCache trees, string? orgUnit, CancellationToken cancellationToken)
    {
        var tree = await trees.CurrentAsync(orgUnit, cancellationToken).ConfigureAwait(false);
        var units = tree.Subtree(orgUnit);
        if (orgUnit is not null && units.Count == 0)
        {
            return null;
        }

        var scope = new OrgScope(orgUnit is null ? null : [.. units.Select(u => u.Code)]);
        var heads = units.Where(u => u.ParentCode == orgUnit && u.Code != orgUnit).ToList();
        foreach (var unit in units)
        {
            scope._groupOf[unit.Code] = heads.FirstOrDefault(head => unit.Path.StartsWith(head.Path, StringComparison.Ordinal))?.Code ?? unit.Code;
        }

        return scope;
    }

    public string GroupOf(string code) => _groupOf.GetValueOrDefault(code, "");
}
