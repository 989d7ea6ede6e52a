namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// What one projection cycle did. <see cref="Busy"/>: another node holds the region right now.
/// <see cref="HistoriesFromMemory"/>: customers whose history came from the node's memory plus their new events.
/// <see cref="WatermarkAhead"/>: see <c>ProjectionCycle.WatermarkAhead</c> (logged as an error).
/// </summary>
public sealed record CycleResult(bool Busy, int Customers, int CellsChanged, bool HasMore, int HistoriesFromMemory = 0, bool WatermarkAhead = false)
{
    public static readonly CycleResult Skipped = new(true, 0, 0, false);
}
