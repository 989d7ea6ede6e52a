using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Cases.Escalation;

/// <summary>
/// One level up the org tree (docs/cases.md, "Warnings, breaches and escalation"): to the nearest unit above of the
/// level <c>Cem:Cases:Escalation:Chain</c> names for the unit's level, else to the parent; a case at the root stays
/// there, and the step says so.
/// </summary>
public static class EscalationTarget
{
    public static EscalationStep Decide(IReadOnlyList<OrgUnit> units, string from, IReadOnlyDictionary<string, string> chain)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(chain);
        var byCode = units.ToDictionary(unit => unit.Code, StringComparer.Ordinal);
        if (!byCode.TryGetValue(from, out var unit))
        {
            return new EscalationStep(from, from, $"queue unit '{from}' is not in the org tree; the case stays in its queue");
        }

        var ancestors = Ancestors(byCode, unit);
        if (ancestors.Count == 0)
        {
            return new EscalationStep(from, from, $"'{from}' is the root of the org tree; there is no higher unit");
        }

        var parent = ancestors[0];
        if (!chain.TryGetValue(unit.Level, out var level))
        {
            return new EscalationStep(from, parent.Code, $"parent of '{from}'");
        }

        var target = ancestors.FirstOrDefault(a => string.Equals(a.Level, level, StringComparison.Ordinal));
        return target is not null
            ? new EscalationStep(from, target.Code, $"chain {unit.Level} → {level}")
            : new EscalationStep(from, parent.Code, $"chain {unit.Level} → {level}, but no '{level}' unit is above '{from}'; parent instead");
    }

    /// <returns>The units above <paramref name="unit"/>, nearest first.</returns>
    private static List<OrgUnit> Ancestors(Dictionary<string, OrgUnit> byCode, OrgUnit unit)
    {
        var ancestors = new List<OrgUnit>();
        var current = unit;
        // The store refuses cycles; the bound only keeps a corrupt tree from looping forever.
        while (current.ParentCode is { } parentCode && byCode.TryGetValue(parentCode, out var parent) && ancestors.Count < byCode.Count)
        {
            ancestors.Add(parent);
            current = parent;
        }

        return ancestors;
    }
}
