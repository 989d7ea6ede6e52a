using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// What a customer contributes to the rollups now, and the watermark it was derived below (null when unknown: a row
/// written before R0070).
/// </summary>
public sealed record StoredContribution(RollupCells Cells, long? DerivedBelow);
