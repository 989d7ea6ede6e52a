namespace CemOnPrem.Sdk.Journeys;

/// <summary>A service-level duration, in calendar or business time.</summary>
public sealed record Sla
{
    /// <summary>How many units.</summary>
    public required double Amount { get; init; }

    /// <summary>The unit; business units follow the org unit's calendar (working days and hours).</summary>
    public required SlaUnit Unit { get; init; }
}

/// <summary>Units of an <see cref="Sla"/>.</summary>
public enum SlaUnit
{
    /// <summary>Wall-clock hours.</summary>
    Hours,

    /// <summary>Calendar days.</summary>
    Days,

    /// <summary>Working hours of the responsible org unit.</summary>
    BusinessHours,

    /// <summary>Working days of the responsible org unit.</summary>
    BusinessDays,
}
