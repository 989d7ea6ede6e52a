using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Http.OrgUnits;

/// <summary>An immutable org tree: units in path order, found by code.</summary>
public sealed class OrgTree
{
    private readonly IReadOnlyList<OrgUnit> _units;
    private readonly Dictionary<string, OrgUnit> _byCode;

    public OrgTree(IReadOnlyList<OrgUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = [.. units.OrderBy(u => u.Path, StringComparer.Ordinal)];
        _byCode = _units.ToDictionary(u => u.Code, StringComparer.Ordinal);
    }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <returns>Whether <paramref name="code"/> is one of <paramref name="roots"/> or below one of them.</returns>
    public bool IsWithin(string code, IEnumerable<string> roots) =>
        _byCode.TryGetValue(code, out var unit)
        && roots.Any(root => _byCode.TryGetValue(root, out var top) && unit.Path.StartsWith(top.Path, StringComparison.Ordinal));

    /// <returns>Every code in the subtrees of <paramref name="roots"/>.</returns>
    public IReadOnlyList<string> CodesUnder(IEnumerable<string> roots)
    {
        var tops = roots.Select(root => _byCode.TryGetValue(root, out var top) ? top.Path : null).OfType<string>().ToList();
        return [.. _units.Where(unit => tops.Any(top => unit.Path.StartsWith(top, StringComparison.Ordinal))).Select(unit => unit.Code)];
    }

    /// <returns>
    /// <paramref name="root"/> and every unit below it in path order (as <see cref="OrgUnitStore.ListAsync"/> returns
    /// them), the whole tree when <paramref name="root"/> is null, or nothing when it is not a unit.
    /// </returns>
    public IReadOnlyList<OrgUnit> Subtree(string? root)
    {
        if (root is null)
        {
            return _units;
        }

        if (!_byCode.TryGetValue(root, out var top))
        {
            return [];
        }

        return [.. _units.Where(u => u.Path.StartsWith(top.Path, StringComparison.Ordinal))];
    }
}
