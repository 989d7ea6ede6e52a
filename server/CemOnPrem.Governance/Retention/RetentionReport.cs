namespace CemOnPrem.Governance.Retention;

/// <summary>
/// What one retention run purged (or, dry, would purge): rows per region and category, and what legal holds kept;
/// <see cref="Periods"/> lists every period in force and its source, including pack-own categories the host does not purge.
/// </summary>
public sealed record RetentionReport(bool DryRun, DateTime RanAt, IReadOnlyList<RetentionCount> Counts, IReadOnlyList<RetentionPeriod> Periods);

/// <summary>
/// Rows of one category in one region. <see cref="Customers"/>: customers affected; <see cref="Rows"/>: rows deleted or
/// cleared (for inactive customers: all their rows); <see cref="Held"/>: customers skipped for a legal hold;
/// <see cref="Days"/> and <see cref="Source"/>: the period applied and where it came from (configuration or <c>pack:{id}</c>).
/// </summary>
public sealed record RetentionCount(string Region, string Category, DateTime Cutoff, long Customers, long Rows, long Held)
{
    public int Days { get; init; }

    public string Source { get; init; } = RetentionPeriods.Configuration;
}
