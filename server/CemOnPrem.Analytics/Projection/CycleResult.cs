namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// What one projection cycle did. <see cref="Busy"/>: another node holds the region right now.
/// <see cref="HistoriesFromMemory"/>: customers whose history came from the node's memory plus their new events.
/// </summary>
public sealed record CycleResult(bool Busy, int Customers, int CellsChanged, bool HasMore, int HistoriesFromMemory = 0)
{
    public static readonly CycleResult Skipped = new(true, 0, 0, false);
}
