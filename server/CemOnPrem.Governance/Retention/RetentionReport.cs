namespace CemOnPrem.Governance.Retention;

/// <summary>What one retention run purged (or, dry, would purge): rows per region and category, and what legal holds kept.</summary>
public sealed record RetentionReport(bool DryRun, DateTime RanAt, IReadOnlyList<RetentionCount> Counts);

/// <summary>
/// Rows of one category in one region. <see cref="Customers"/>: customers affected; <see cref="Rows"/>: rows deleted or
/// cleared (for inactive customers: all their rows); <see cref="Held"/>: customers skipped for a legal hold.
/// </summary>
public sealed record RetentionCount(string Region, string Category, DateTime Cutoff, long Customers, long Rows, long Held);
