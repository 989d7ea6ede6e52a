namespace CemOnPrem.Surveys.Statistics;

/// <summary>How many answered a scale with this value.</summary>
public sealed record ValueCount(int Value, long Count);
