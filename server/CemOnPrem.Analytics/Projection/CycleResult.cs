namespace CemOnPrem.Analytics.Projection;

/// <summary>What one projection cycle did. <see cref="Busy"/>: another node holds the region right now.</summary>
public sealed record CycleResult(bool Busy, int Customers, int CellsChanged, bool HasMore)
{
    public static readonly CycleResult Skipped = new(true, 0, 0, false);
}
