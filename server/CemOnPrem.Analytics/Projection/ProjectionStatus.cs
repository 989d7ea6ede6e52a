namespace CemOnPrem.Analytics.Projection;

/// <summary>How far a region's projection is: its watermark, when it last ran, and what still waits for it.</summary>
public sealed record ProjectionStatus(string Region, long Watermark, DateTimeOffset? ProjectedAt, long EventsPending, long CustomersDue);

