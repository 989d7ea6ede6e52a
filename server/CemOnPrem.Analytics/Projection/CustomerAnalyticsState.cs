using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>What the projector stores for one customer after deriving it: contributions, journeys, next time-out.</summary>
public sealed record CustomerAnalyticsState(string CustomerId, RollupCells Cells, IReadOnlyList<JourneyRow> Journeys, DateTimeOffset? NextDue);
