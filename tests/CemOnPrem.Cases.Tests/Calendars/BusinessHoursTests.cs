using CemOnPrem.Cases.Calendars;
using CemOnPrem.Sdk.Journeys;
using static CemOnPrem.Cases.Tests.Calendars.TestCalendars;

namespace CemOnPrem.Cases.Tests.Calendars;

/// <summary>Business hours (09:00–17:00 on working days) against hand-computed instants.</summary>
public sealed class BusinessHoursTests
{
    private static readonly WorkingCalendar Utc = WorkingCalendar.Default("xx");

    private static DateTimeOffset Add(WorkingCalendar calendar, DateTimeOffset from, double hours) =>
        BusinessTime.Add(calendar, from, SlaUnit.BusinessHours, hours);

    [Fact]
    public void A_full_working_day_of_hours_ends_at_the_close_of_the_same_day()
    {
        Assert.Equal(At("2026-03-02 17:00", TimeSpan.Zero), Add(Utc, At("2026-03-02 09:00", TimeSpan.Zero), 8));
    }

    [Fact]
    public void Time_before_and_after_the_working_hours_does_not_count()
    {
        Assert.Equal(At("2026-03-03 10:00", TimeSpan.Zero), Add(Utc, At("2026-03-03 07:00", TimeSpan.Zero), 1));
        Assert.Equal(At("2026-03-04 10:00", TimeSpan.Zero), Add(Utc, At("2026-03-03 18:00", TimeSpan.Zero), 1));
    }

    [Fact]
    public void Hours_run_over_the_weekend_into_Monday_and_fractions_count()
    {
        Assert.Equal(At("2026-03-09 10:30", TimeSpan.Zero), Add(Utc, At("2026-03-06 16:00", TimeSpan.Zero), 2.5));
        Assert.Equal(At("2026-03-03 09:30", TimeSpan.Zero), Add(Utc, At("2026-03-02 16:00", TimeSpan.Zero), 1.5));
    }

    [Fact]
    public void Labour_Day_holidays_are_skipped()
    {
        // Thursday Apr 30: 15:00-17:00 is 2 h; May 1-5 off; Wednesday May 6 09:00 + 2 h.
        Assert.Equal(At("2026-05-06 11:00", Shanghai), Add(China2026(), At("2026-04-30 15:00", Shanghai), 4));
    }

    [Fact]
    public void Business_hours_between_are_negative_when_overdue()
    {
        // Due Tuesday 10:00, now Wednesday 11:00: Tuesday 10-17 (7 h) and Wednesday 9-11 (2 h) overdue.
        Assert.Equal(-9, BusinessTime.Between(Utc, At("2026-03-04 11:00", TimeSpan.Zero), At("2026-03-03 10:00", TimeSpan.Zero), SlaUnit.BusinessHours), 9);
        Assert.Equal(2, BusinessTime.Between(Utc, At("2026-03-02 16:00", TimeSpan.Zero), At("2026-03-03 10:00", TimeSpan.Zero), SlaUnit.BusinessHours), 9);
    }

    [Fact]
    public void Negative_or_infinite_amounts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Add(Utc, At("2026-03-02 09:00", TimeSpan.Zero), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Add(Utc, At("2026-03-02 09:00", TimeSpan.Zero), double.PositiveInfinity));
    }
}
