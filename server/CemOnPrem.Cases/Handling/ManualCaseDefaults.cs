using CemOnPrem.Cases.Clocks;

namespace CemOnPrem.Cases.Handling;

/// <summary><c>Cem:Cases:ManualDefaults</c>: the SLA of a manual case when no pack rule has its case type.</summary>
public sealed class ManualCaseDefaults
{
    /// <summary>How many units of <see cref="SlaUnit"/> (greater than 0).</summary>
    public double SlaAmount { get; set; } = 5;

    /// <summary><c>hours</c>, <c>days</c>, <c>business-hours</c> or <c>business-days</c>.</summary>
    public string SlaUnit { get; set; } = "business-days";

    /// <summary>Whether the SLA pauses while the case waits for the customer.</summary>
    public bool SlaPausable { get; set; } = true;

    internal bool HasValidUnit => SlaUnit is "hours" or "days" or "business-hours" or "business-days";

    internal CemOnPrem.Sdk.Journeys.Sla Sla => new() { Amount = SlaAmount, Unit = CaseClockUnits.FromCode(SlaUnit) };
}
