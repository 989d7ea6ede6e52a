using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Sdk.Engine.Rules;

public static class Slas
{
    /// <summary>
    /// Calendar length of an SLA when no org-unit calendar is at hand: a business day counts as 24 h of a
    /// 5-day week (7/5 days), a business hour as one of 8 per business day.
    /// </summary>
    public static TimeSpan CalendarApproximation(Sla sla)
    {
        ArgumentNullException.ThrowIfNull(sla);
        return sla.Unit switch
        {
            SlaUnit.Hours => TimeSpan.FromHours(sla.Amount),
            SlaUnit.Days => TimeSpan.FromDays(sla.Amount),
            SlaUnit.BusinessDays => TimeSpan.FromDays(sla.Amount * 7 / 5),
            SlaUnit.BusinessHours => TimeSpan.FromDays(sla.Amount / 8 * 7 / 5),
            _ => throw new NotSupportedException($"SLA unit {sla.Unit} is not supported."),
        };
    }
}
