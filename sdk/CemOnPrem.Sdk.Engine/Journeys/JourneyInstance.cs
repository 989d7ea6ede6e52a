namespace CemOnPrem.Sdk.Engine.Journeys;

/// <summary>One run of a journey template by one customer.</summary>
public sealed record JourneyInstance(
    string TemplateId,
    int Instance,
    JourneyStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StageVisit> Stages)
{
    public StageVisit Current => Stages[^1];
}

/// <summary>Time spent in one stage; <see cref="ExitedAt"/> is null while the customer is still there.</summary>
public sealed record StageVisit(string StageId, int StageIndex, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt)
{
    public TimeSpan? Duration => ExitedAt - EnteredAt;
}

public enum JourneyStatus
{
    Active,
    Completed,
    Abandoned,
}
