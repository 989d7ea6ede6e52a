using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Cases.Clocks;

/// <summary>
/// INTERIM (removed when the calendars land, same session): Monday–Friday in UTC, business hours 09:00–17:00, warning at
/// 75 %. It lets the case parts be built in parallel with the calendar-based clocks.
/// </summary>
internal sealed class InterimWeekdayClocks : ICaseClocks
{
    private const string Calendar = "interim Monday-Friday UTC";

    public Task<CaseClockPlan> PlanAsync(string region, CaseClockRules rules, DateTimeOffset start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sla = Clock("sla", rules.Sla, start, rules.SlaPausable);
        var regulatory = rules.Regulatory is { } r ? Clock(r.Name, r.Deadline, start, r.PauseWhileAwaitingCustomer) : null;
        return Task.FromResult(new CaseClockPlan(sla, regulatory));
    }

    public Task<CaseClock> ResumeAsync(string region, CaseClock clock, DateTimeOffset pausedAt, DateTimeOffset resumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var pause = resumedAt - pausedAt;
        return Task.FromResult(clock with { DueAt = clock.DueAt + pause, WarnAt = clock.WarnAt + pause });
    }

    public Task<BusinessTimeLeft> RemainingAsync(string region, SlaUnit unit, DateTimeOffset now, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var left = due - now;
        var amount = unit is SlaUnit.Hours or SlaUnit.BusinessHours ? left.TotalHours : left.TotalDays;
        return Task.FromResult(new BusinessTimeLeft(amount, unit, Calendar));
    }

    private static CaseClock Clock(string name, Sla sla, DateTimeOffset start, bool pausable)
    {
        var due = Add(start, sla.Unit, sla.Amount);
        var warn = Add(start, sla.Unit, sla.Amount * 0.75);
        return new CaseClock(name, sla.Unit, due, warn, pausable);
    }

    private static DateTimeOffset Add(DateTimeOffset start, SlaUnit unit, double amount) => unit switch
    {
        SlaUnit.Hours => start.AddHours(amount),
        SlaUnit.Days => start.AddDays(amount),
        SlaUnit.BusinessDays => AddWeekdays(start, amount),
        SlaUnit.BusinessHours => AddWeekdays(start, amount / 8),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown SLA unit"),
    };

    private static DateTimeOffset AddWeekdays(DateTimeOffset start, double days)
    {
        var at = start.ToUniversalTime();
        var whole = (int)Math.Floor(days);
        while (whole > 0)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                whole--;
            }
        }

        return at.AddDays(days - Math.Floor(days));
    }
}
