namespace CemOnPrem.Analytics.Rollups;

/// <summary>Stored rollups against a recompute: cell counts, how many cells differ, and the first few of them.</summary>
public sealed record RollupComparison(long StoredCells, long RecomputedCells, long DifferentCells, IReadOnlyList<RollupDifference> Differences);

/// <summary>One differing cell; <see cref="Stored"/> / <see cref="Recomputed"/> are "(n,a,b,s1,s2,hist)" or "(,,,,,)" when absent.</summary>
public sealed record RollupDifference(string Metric, string Day, string OrgUnit, string Journey, string Stage, string Stored, string Recomputed);
