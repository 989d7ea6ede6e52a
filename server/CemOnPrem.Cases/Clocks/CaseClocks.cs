using CemOnPrem.Cases.Calendars;
using CemOnPrem.Sdk.Journeys;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Clocks;

/// <summary>
/// The case clocks on the region's working calendar (docs/cases.md, "Case clocks: SLA and regulatory"): due at the
/// rule's time in business time, a warning at <see cref="CaseClocksOptions.WarningShare"/> of it, a pause moving both by
/// the business time it took.
/// </summary>
public sealed class CaseClocks(CalendarCache calendars, IOptions<CaseClocksOptions> options) : ICaseClocks
{
    public async Task<CaseClockPlan> PlanAsync(string region, CaseClockRules rules, DateTimeOffset start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var calendar = await calendars.GetAsync(region, cancellationToken).ConfigureAwait(false);
        var sla = Plan(calendar, "sla", rules.Sla, start, rules.SlaPausable);
        var regulatory = rules.Regulatory is { } r ? Plan(calendar, r.Name, r.Deadline, start, r.PauseWhileAwaitingCustomer) : null;
        return new CaseClockPlan(sla, regulatory);
    }

    public async Task<CaseClock> ResumeAsync(string region, CaseClock clock, DateTimeOffset pausedAt, DateTimeOffset resumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var calendar = await calendars.GetAsync(region, cancellationToken).ConfigureAwait(false);
        // A resume recorded before its pause (clock skew between nodes) moves nothing rather than pulling the due forward.
        var paused = Math.Max(0, BusinessTime.Between(calendar, pausedAt, resumedAt, clock.Unit));
        return clock with
        {
            DueAt = BusinessTime.Add(calendar, clock.DueAt, clock.Unit, paused).ToUniversalTime(),
            WarnAt = BusinessTime.Add(calendar, clock.WarnAt, clock.Unit, paused).ToUniversalTime(),
        };
    }

    public async Task<BusinessTimeLeft> RemainingAsync(string region, SlaUnit unit, DateTimeOffset now, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(region, cancellationToken).ConfigureAwait(false);
        return new BusinessTimeLeft(BusinessTime.Between(calendar, now, due, unit), unit, CalendarName(calendar));
    }

    /// <summary>How a clock names the calendar that counted it: the zone, and whether it is the region's own or the default.</summary>
    public static string CalendarName(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return $"{calendar.Region} ({calendar.Source}, {calendar.TimeZone})";
    }

    // Instants leave in UTC: the arithmetic works in the calendar's zone (+08:00 in Shanghai), but a timestamptz
    // parameter takes offset 0 only, and a clock is an instant, not a local time.
    private CaseClock Plan(WorkingCalendar calendar, string name, Sla sla, DateTimeOffset start, bool pausable)
    {
        var due = BusinessTime.Add(calendar, start, sla.Unit, sla.Amount).ToUniversalTime();
        var warn = BusinessTime.Add(calendar, start, sla.Unit, sla.Amount * options.Value.WarningShare).ToUniversalTime();
        return new CaseClock(name, sla.Unit, due, warn, pausable);
    }
}
