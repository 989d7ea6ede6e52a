using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Cases.Clocks;

/// <summary>A clock's unit as stored in <c>cases.sla_unit</c>/<c>reg_unit</c> and shown by the API: the pack JSON spelling.</summary>
public static class CaseClockUnits
{
    public static string ToCode(SlaUnit unit) => unit switch
    {
        SlaUnit.Hours => "hours",
        SlaUnit.Days => "days",
        SlaUnit.BusinessHours => "business-hours",
        SlaUnit.BusinessDays => "business-days",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown SLA unit"),
    };

    public static SlaUnit FromCode(string code) => code switch
    {
        "hours" => SlaUnit.Hours,
        "days" => SlaUnit.Days,
        "business-hours" => SlaUnit.BusinessHours,
        "business-days" => SlaUnit.BusinessDays,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown SLA unit"),
    };
}
