using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Tests.Calendars;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Rules;
using CemOnPrem.Testing;
using Microsoft.Extensions.Options;
using static CemOnPrem.Cases.Tests.Calendars.TestCalendars;

namespace CemOnPrem.Cases.Tests.Clocks;

/// <summary>The case clocks on calendars stored in the control database: plan, warn, pause/resume, remaining time.</summary>
public sealed class CaseClocksTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private CalendarStore Store => new(databases.Control, TimeProvider.System);

    private CaseClocks Clocks(double warningShare = 0.75) =>
        new(new CalendarCache(Store, TimeProvider.System), Options.Create(new CaseClocksOptions { WarningShare = warningShare }));

    private static string Region() => "r-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> StoreAsync(WorkingCalendar calendar)
    {
        var region = Region();
        await Store.ReplaceAsync(region, new CalendarDraft(calendar.TimeZone, calendar.WorkingDays, calendar.WorkStart, calendar.WorkEnd, [.. calendar.Days]), "test", Cancellation);
        return region;
    }

    [Fact]
    public async Task A_complaint_opened_before_Golden_Week_gets_its_SLA_and_regulatory_due_and_warning_times()
    {
        var region = await StoreAsync(China2026());
        var rules = new CaseClockRules(new Sla { Amount = 2, Unit = SlaUnit.BusinessDays }, SlaPausable: true,
            new RegulatoryClock { Name = "complaint-final-response", Deadline = new Sla { Amount = 15, Unit = SlaUnit.BusinessDays } });

        var plan = await Clocks().PlanAsync(region, rules, At("2026-09-28 10:00", Shanghai), Cancellation);

        // SLA: 2 days → Wednesday Sep 30 10:00; warning at 1.5 → Tuesday 22:00.
        Assert.Equal(new CaseClock("sla", SlaUnit.BusinessDays, At("2026-09-30 10:00", Shanghai), At("2026-09-29 22:00", Shanghai), true), plan.Sla);
        // Regulatory: 15 days → Oct 23 10:00; warning at 11.25 → the 11th working day (Oct 19) at 16:00.
        Assert.Equal(new CaseClock("complaint-final-response", SlaUnit.BusinessDays, At("2026-10-23 10:00", Shanghai), At("2026-10-19 16:00", Shanghai), false), plan.Regulatory);
        // Instants leave in UTC, whatever the calendar's zone: PostgreSQL's timestamptz parameters take offset 0 only.
        Assert.All([plan.Sla.DueAt, plan.Sla.WarnAt, plan.Regulatory!.DueAt, plan.Regulatory.WarnAt], at => Assert.Equal(TimeSpan.Zero, at.Offset));
    }

    [Fact]
    public async Task The_warning_share_comes_from_the_options()
    {
        var plan = await Clocks(0.5).PlanAsync(Region(), new CaseClockRules(new Sla { Amount = 8, Unit = SlaUnit.BusinessHours }, false, null),
            At("2026-03-02 09:00", TimeSpan.Zero), Cancellation);

        Assert.Equal(At("2026-03-02 13:00", TimeSpan.Zero), plan.Sla.WarnAt);
        Assert.Equal(At("2026-03-02 17:00", TimeSpan.Zero), plan.Sla.DueAt);
        Assert.Null(plan.Regulatory);
    }

    [Fact]
    public async Task A_pause_over_a_weekend_moves_due_and_warning_by_the_business_hours_it_took()
    {
        var clock = new CaseClock("sla", SlaUnit.BusinessHours, At("2026-03-10 16:00", TimeSpan.Zero), At("2026-03-10 10:00", TimeSpan.Zero), true);

        // Paused Friday 16:00, resumed Monday 10:00: one working hour on Friday, one on Monday.
        var resumed = await Clocks().ResumeAsync(Region(), clock, At("2026-03-06 16:00", TimeSpan.Zero), At("2026-03-09 10:00", TimeSpan.Zero), Cancellation);

        Assert.Equal(At("2026-03-11 10:00", TimeSpan.Zero), resumed.DueAt);
        Assert.Equal(At("2026-03-10 12:00", TimeSpan.Zero), resumed.WarnAt);
    }

    [Fact]
    public async Task A_pause_over_a_holiday_week_moves_a_business_day_clock_by_the_working_days_only()
    {
        var region = await StoreAsync(China2026());
        var clock = new CaseClock("sla", SlaUnit.BusinessDays, At("2026-10-12 10:00", Shanghai), At("2026-10-09 10:00", Shanghai), true);

        // Paused Wednesday Sep 30 10:00 to Thursday Oct 8 10:00: Sep 30 and nothing of Oct 1-7 → one business day.
        var resumed = await Clocks().ResumeAsync(region, clock, At("2026-09-30 10:00", Shanghai), At("2026-10-08 10:00", Shanghai), Cancellation);

        Assert.Equal(At("2026-10-13 10:00", Shanghai), resumed.DueAt);
        Assert.Equal(At("2026-10-10 10:00", Shanghai), resumed.WarnAt);
    }

    [Fact]
    public async Task Remaining_time_is_negative_when_overdue_and_names_the_default_calendar()
    {
        var region = Region();

        var left = await Clocks().RemainingAsync(region, SlaUnit.BusinessDays, At("2026-03-10 10:00", TimeSpan.Zero), At("2026-03-06 10:00", TimeSpan.Zero), Cancellation);

        Assert.Equal(-2, left.Amount, 9);
        Assert.Equal($"{region} (default, UTC)", left.Calendar);
    }

    [Fact]
    public async Task The_cache_sees_this_nodes_write_at_once_and_another_nodes_after_the_reload_interval()
    {
        var region = Region();
        var time = new ManualClock(DateTimeOffset.UtcNow);
        var cache = new CalendarCache(Store, time);
        Assert.Equal(WorkingCalendar.DefaultSource, (await cache.GetAsync(region, Cancellation)).Source);

        await Store.ReplaceAsync(region, CalendarDraft.DefaultWith([]) with { TimeZone = "Europe/Berlin" }, "other-node", Cancellation);
        var stale = await cache.GetAsync(region, Cancellation);
        time.Advance(CalendarCache.ReloadAfter);
        var reloaded = await cache.GetAsync(region, Cancellation);
        await Store.ReplaceAsync(region, CalendarDraft.DefaultWith([]) with { TimeZone = "Asia/Shanghai" }, "this-node", Cancellation);
        cache.Invalidate(region);
        var invalidated = await cache.GetAsync(region, Cancellation);

        Assert.Equal(("UTC", "Europe/Berlin", "Asia/Shanghai"), (stale.TimeZone, reloaded.TimeZone, invalidated.TimeZone));
    }
}
