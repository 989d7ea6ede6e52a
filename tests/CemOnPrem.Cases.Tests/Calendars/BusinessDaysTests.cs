using CemOnPrem.Cases.Calendars;
using CemOnPrem.Sdk.Journeys;
using static CemOnPrem.Cases.Tests.Calendars.TestCalendars;

namespace CemOnPrem.Cases.Tests.Calendars;

/// <summary>Business days against hand-computed dates: weekends, holidays, moved working days, year ends.</summary>
public sealed class BusinessDaysTests
{
    private static DateTimeOffset Add(WorkingCalendar calendar, DateTimeOffset from, double days) =>
        BusinessTime.Add(calendar, from, SlaUnit.BusinessDays, days);

    [Fact]
    public void One_business_day_after_a_Friday_is_the_Monday_at_the_same_local_time()
    {
        var due = Add(WorkingCalendar.Default("xx"), At("2026-03-06 10:00", TimeSpan.Zero), 1);

        Assert.Equal(At("2026-03-09 10:00", TimeSpan.Zero), due);
    }

    [Fact]
    public void A_start_on_a_weekend_counts_from_the_next_working_days_midnight()
    {
        var due = Add(WorkingCalendar.Default("xx"), At("2026-03-07 11:00", TimeSpan.Zero), 1);

        Assert.Equal(At("2026-03-10 00:00", TimeSpan.Zero), due);
    }

    [Fact]
    public void An_adjusted_working_Saturday_is_a_business_day()
    {
        var due = Add(China2026(), At("2026-02-13 10:00", Shanghai), 1);

        Assert.Equal(At("2026-02-14 10:00", Shanghai), due);
    }

    [Fact]
    public void The_Spring_Festival_holidays_are_skipped_weekend_and_all()
    {
        var fromWorkingSaturday = Add(China2026(), At("2026-02-14 10:00", Shanghai), 1);
        var fromThursday = Add(China2026(), At("2026-02-12 10:00", Shanghai), 3);

        Assert.Equal(At("2026-02-24 10:00", Shanghai), fromWorkingSaturday);
        Assert.Equal(At("2026-02-24 10:00", Shanghai), fromThursday);
    }

    [Fact]
    public void Fifteen_business_days_across_Golden_Week_count_the_adjusted_Saturday()
    {
        // Sep 29, 30 (2), Oct 1-7 off, Oct 8, 9, Sat 10 (5), Oct 12-16 (10), Oct 19-23 (15).
        var due = Add(China2026(), At("2026-09-28 10:00", Shanghai), 15);

        Assert.Equal(At("2026-10-23 10:00", Shanghai), due);
    }

    [Fact]
    public void The_year_end_skips_New_Year_and_lands_on_the_adjusted_working_Sunday()
    {
        var due = Add(China2026(), At("2025-12-31 16:00", Shanghai), 1);

        Assert.Equal(At("2026-01-04 16:00", Shanghai), due);
    }

    [Fact]
    public void The_year_end_in_Berlin_skips_New_Years_Day_and_the_weekend()
    {
        // Thursday Dec 31 is a working day, Friday Jan 1 a holiday, then the weekend.
        var due = Add(Berlin(), At("2026-12-30 15:00", BerlinWinter), 2);

        Assert.Equal(At("2027-01-04 15:00", BerlinWinter), due);
    }

    [Fact]
    public void Easter_holidays_in_Berlin_are_skipped()
    {
        var due = Add(Berlin(), At("2026-04-02 12:00", BerlinSummer), 1);

        Assert.Equal(At("2026-04-07 12:00", BerlinSummer), due);
    }

    [Fact]
    public void A_fraction_is_that_share_of_a_working_days_24_hours()
    {
        var calendar = WorkingCalendar.Default("xx");

        Assert.Equal(At("2026-03-03 22:00", TimeSpan.Zero), Add(calendar, At("2026-03-02 10:00", TimeSpan.Zero), 1.5));
        Assert.Equal(At("2026-03-09 06:00", TimeSpan.Zero), Add(calendar, At("2026-03-06 18:00", TimeSpan.Zero), 0.5));
    }

    [Fact]
    public void Business_days_between_are_negative_when_overdue_and_skip_holidays()
    {
        var calendar = China2026();

        Assert.Equal(2, BusinessTime.Between(calendar, At("2026-02-13 10:00", Shanghai), At("2026-02-24 10:00", Shanghai), SlaUnit.BusinessDays), 9);
        Assert.Equal(-1, BusinessTime.Between(calendar, At("2026-03-03 10:00", Shanghai), At("2026-03-02 10:00", Shanghai), SlaUnit.BusinessDays), 9);
    }

    [Fact]
    public void Adding_then_measuring_gives_back_the_amount_from_any_working_moment()
    {
        var calendar = China2026();
        var random = new Random(21);
        for (var i = 0; i < 500; i++)
        {
            var from = At("2026-01-05 00:00", Shanghai).AddMinutes(random.Next(0, 300 * 24 * 60));
            if (!calendar.IsWorkingDay(DateOnly.FromDateTime(from.DateTime)))
            {
                continue;
            }

            var amount = Math.Round(random.NextDouble() * 30, 3);
            var due = Add(calendar, from, amount);

            Assert.Equal(amount, BusinessTime.Between(calendar, from, due, SlaUnit.BusinessDays), 6);
        }
    }
}
