using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Queries;

/// <summary>
/// Small-group suppression, the one rule every aggregate answer follows: a group of fewer than
/// <see cref="MinGroupSize"/> values (<c>Cem:Analytics:MinGroupSize</c>) shows neither its value nor its size, so no
/// answer narrows down to a few identifiable customers.
/// </summary>
internal readonly record struct SmallGroups(int MinGroupSize)
{
    public bool Hides(RollupValues values) => values.N < MinGroupSize;

    /// <returns><paramref name="suppressed"/> for a group too small to show, else what <paramref name="shown"/> makes of it.</returns>
    public T Shape<T>(RollupValues values, Func<RollupValues, T> shown, T suppressed) => Hides(values) ? suppressed : shown(values);
}
