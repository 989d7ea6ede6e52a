using CemOnPrem.Cases.Calendars;
using CemOnPrem.Sdk.Journeys;
using static CemOnPrem.Cases.Tests.Calendars.TestCalendars;

namespace CemOnPrem.Cases.Tests.Calendars;

/// <summary>Europe/Berlin changes to summer time on 2026-03-29 (02:00 → 03:00) and back on 2026-10-25 (03:00 → 02:00).</summary>
public sealed class DaylightSavingTests
{
    private static readonly TimeZoneInfo BerlinZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_business_day_over_the_spring_change_keeps_the_local_time_of_day()
    {
        var due = BusinessTime.Add(Berlin(), At("2026-03-27 10:00", BerlinWinter), SlaUnit.BusinessDays, 1);

        Assert.Equal(At("2026-03-30 10:00", BerlinSummer), due);
        Assert.Equal(BerlinSummer, due.Offset);
    }

    [Fact]
    public void A_business_day_over_the_autumn_change_keeps_the_local_time_of_day()
    {
        var due = BusinessTime.Add(Berlin(), At("2026-10-23 10:00", BerlinSummer), SlaUnit.BusinessDays, 1);

        Assert.Equal(At("2026-10-26 10:00", BerlinWinter), due);
    }

    [Fact]
    public void A_calendar_day_is_24_hours_so_it_moves_the_local_time_over_the_change()
    {
        var due = BusinessTime.Add(Berlin(), At("2026-03-28 10:00", BerlinWinter), SlaUnit.Days, 1);

        Assert.Equal(At("2026-03-29 11:00", BerlinSummer), due);
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_moves_forward_by_the_gap()
    {
        var due = BusinessTime.Add(BerlinEveryDay(), At("2026-03-28 02:30", BerlinWinter), SlaUnit.BusinessDays, 1);

        Assert.Equal(At("2026-03-29 03:30", BerlinSummer), due);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void An_ambiguous_local_time_in_the_autumn_takes_the_earlier_offset()
    {
        var due = BusinessTime.Add(BerlinEveryDay(), At("2026-10-24 02:30", BerlinSummer), SlaUnit.BusinessDays, 1);

        Assert.Equal(At("2026-10-25 02:30", BerlinSummer), due);
        Assert.Equal(BerlinSummer, due.Offset);
    }

    [Fact]
    public void Zone_times_resolve_gaps_and_overlaps_as_documented()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), ZoneTimes.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), BerlinZone));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), ZoneTimes.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0), BerlinZone));
        Assert.Equal(new DateTime(2026, 10, 25, 2, 30, 0), ZoneTimes.ToLocal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), BerlinZone));
    }

    [Fact]
    public void Business_hours_over_the_spring_change_count_working_hours_only()
    {
        var due = BusinessTime.Add(Berlin(), At("2026-03-27 16:00", BerlinWinter), SlaUnit.BusinessHours, 2);

        Assert.Equal(At("2026-03-30 10:00", BerlinSummer), due);
    }
}
