namespace CemOnPrem.Storage.OrgUnits;

/// <summary>Orders a batch of units parents-first, so a file may list them in any order.</summary>
public static class OrgUnitBatch
{
    /// <returns>The units ordered parents-first, or the codes that form a cycle within the batch.</returns>
    public static (IReadOnlyList<OrgUnitDraft> Ordered, IReadOnlyList<string> Cycle) ParentsFirst(IReadOnlyList<OrgUnitDraft> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var ordered = new List<OrgUnitDraft>(units.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var unit in units)
        {
            var stack = new List<string>();
            var current = unit;
            // Walk up to the first ancestor that is done or outside the batch, then emit downwards.
            while (current is not null && !state.ContainsKey(current.Code))
            {
                state[current.Code] = false;
                stack.Add(current.Code);
                current = current.ParentCode is { } parent && byCode.TryGetValue(parent, out var p) ? p : null;
            }

            if (current is not null && !state[current.Code])
            {
                var start = stack.IndexOf(current.Code);
                return ([], stack.Skip(Math.Max(start, 0)).ToList());
            }

            for (var i = stack.Count - 1; i >= 0; i--)
            {
                ordered.Add(byCode[stack[i]]);
                state[stack[i]] = true;
            }
        }

        return (ordered, []);
    }
}
