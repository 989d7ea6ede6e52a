using System.Runtime.CompilerServices;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Cases.Routing;

/// <summary>
/// Routes a case by the org tree (docs/cases.md, "Routing by the org tree"). A rule's <c>routeToLevel</c> names a
/// level; the case goes to
/// <list type="number">
/// <item>the unit of that level on the path from the event's org unit up to the root (the nearest one), else</item>
/// <item>for a level beside the path (a complaints team next to the branches): the unit of that level under the
/// closest ancestor (the event's unit itself first) that has one below it — the fewest steps down from that ancestor,
/// ties broken by code (ordinal), so the choice is the same on every node and every run; else</item>
/// <item>the root's queue with a reason: no org unit on the event, a code the tree does not hold, no unit of the level.</item>
/// </list>
/// Pure: one instance per tree (<see cref="For"/>); it indexes the tree once.
/// </summary>
public sealed class CaseRouter
{
    private static readonly ConditionalWeakTable<OrgTree, CaseRouter> Cache = new();

    private readonly Dictionary<string, OrgUnit> _byCode;
    private readonly Dictionary<string, List<OrgUnit>> _byLevel;
    private readonly OrgUnit? _root;

    private CaseRouter(OrgTree tree)
    {
        var units = tree.Subtree(null);
        _byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _byLevel = units.GroupBy(u => u.Level, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // Units come in path order: the first unit without a parent is the root (a tree has one; the first wins otherwise).
        _root = units.FirstOrDefault(u => u.ParentCode is null);
    }

    /// <returns>The router of <paramref name="tree"/>, indexed once per tree instance.</returns>
    public static CaseRouter For(OrgTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Cache.GetValue(tree, t => new CaseRouter(t));
    }

    public CaseRoute Route(string? orgUnit, string level)
    {
        ArgumentException.ThrowIfNullOrEmpty(level);
        if (orgUnit is null)
        {
            return Unroutable(orgUnit, "the event names no org unit");
        }

        if (!_byCode.TryGetValue(orgUnit, out var unit))
        {
            return Unroutable(orgUnit, $"org unit '{orgUnit}' is not in the org tree");
        }

        if (!_byLevel.TryGetValue(level, out var ofLevel))
        {
            return Unroutable(orgUnit, $"the org tree has no unit of level '{level}'");
        }

        var ancestors = AncestorsOf(unit);
        if (ancestors.FirstOrDefault(a => a.Level == level) is { } onPath)
        {
            return new CaseRoute(onPath.Code, null);
        }

        foreach (var ancestor in ancestors)
        {
            var nearest = ofLevel
                .Where(u => u.Path.StartsWith(ancestor.Path, StringComparison.Ordinal))
                .OrderBy(u => Depth(u.Path))
                .ThenBy(u => u.Code, StringComparer.Ordinal)
                .FirstOrDefault();
            if (nearest is not null)
            {
                return new CaseRoute(nearest.Code, null);
            }
        }

        // Units of the level exist, but under another root than the event's unit (a forest): nothing is near.
        return Unroutable(orgUnit, $"no unit of level '{level}' under the root of '{orgUnit}'");
    }

    /// <summary>The unit itself, then its parent, up to the root.</summary>
    private List<OrgUnit> AncestorsOf(OrgUnit unit)
    {
        var path = new List<OrgUnit>();
        for (OrgUnit? at = unit; at is not null; at = at.ParentCode is { } parent ? _byCode.GetValueOrDefault(parent) : null)
        {
            path.Add(at);
        }

        return path;
    }

    /// <summary>The queue of a case when the org tree is empty (a deployment without org units yet).</summary>
    public const string RootlessQueue = "unrouted";

    private CaseRoute Unroutable(string? orgUnit, string reason) =>
        new(_root?.Code ?? orgUnit ?? RootlessQueue, "unroutable: " + reason);

    private static int Depth(string path) => path.Count(c => c == '/');
}
