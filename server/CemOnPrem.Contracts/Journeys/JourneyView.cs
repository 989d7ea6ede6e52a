namespace CemOnPrem.Contracts.Journeys;

/// <summary>One journey instance of a customer: where it stands and every stage it went through.</summary>
[GenerateSerializer, Immutable, Alias("cem.journey-view")]
public sealed record JourneyView(
    [property: Id(0)] string TemplateId,
    [property: Id(1)] int Instance,
    [property: Id(2)] string Status,
    [property: Id(3)] string CurrentStage,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] IReadOnlyList<JourneyStageView> Stages);

/// <summary>A stage visit; <see cref="ExitedAt"/> is null while the customer is still in it.</summary>
[GenerateSerializer, Immutable, Alias("cem.journey-stage-view")]
public sealed record JourneyStageView(
    [property: Id(0)] string Stage,
    [property: Id(1)] DateTimeOffset EnteredAt,
    [property: Id(2)] DateTimeOffset? ExitedAt);
