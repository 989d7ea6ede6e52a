namespace CemOnPrem.Analytics.Journeys;

/// <summary>One derived journey instance as stored in <c>journeys</c>; <see cref="StagesJson"/> lists its stage visits.</summary>
public sealed record JourneyRow(
    string CustomerId, string TemplateId, int Instance, string Status, string CurrentStage,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string StagesJson);
