namespace CemOnPrem.Sdk.Journeys;

/// <summary>One stage of a journey.</summary>
public sealed record JourneyStage
{
    /// <summary>Unique within the journey.</summary>
    public required string Id { get; init; }

    /// <summary>Display name per language.</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }

    /// <summary>Touchpoints that put a customer in (or keep them in) this stage.</summary>
    public required IReadOnlyList<string> Touchpoints { get; init; }

    /// <summary>How long the stage usually takes, as an ISO 8601 duration (e.g. <c>PT30M</c>, <c>P3D</c>); for time-in-stage targets.</summary>
    public string? ExpectedDuration { get; init; }

    /// <summary>The service level promised for this stage; breaching it can raise a case rule.</summary>
    public Sla? Sla { get; init; }

    /// <summary>
    /// ISO 8601 duration after which a customer still in this stage counts as having abandoned the
    /// journey. Required for every stage but the last, so no customer stays in a journey forever.
    /// </summary>
    public string? AbandonAfter { get; init; }
}
