using CemOnPrem.Surveys.Invitations;

namespace CemOnPrem.Surveys.Tests.Invitations;

/// <summary>Quiet hours on the region's wall clock, across midnight and daylight-saving changes.</summary>
public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly QuietHoursOptions Night = new() { Start = new(21, 0), End = new(8, 0) };

    [Fact]
    public void An_invitation_due_in_the_daytime_goes_at_once()
    {
        var due = new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero); // 14:00 in Berlin

        Assert.Equal(due, QuietHours.SendAfter(due, Berlin, Night));
    }

    [Fact]
    public void An_invitation_due_late_in_the_evening_waits_for_the_next_morning_in_the_region_zone()
    {
        var due = new DateTimeOffset(2026, 6, 10, 15, 30, 0, TimeSpan.Zero); // 23:30 in Shanghai

        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), QuietHours.SendAfter(due, Shanghai, Night)); // 08:00 +08:00
    }

    [Fact]
    public void An_invitation_due_after_midnight_waits_until_the_same_morning()
    {
        var due = new DateTimeOffset(2026, 6, 10, 1, 0, 0, TimeSpan.Zero); // 03:00 in Berlin (summer time)

        Assert.Equal(new DateTimeOffset(2026, 6, 10, 6, 0, 0, TimeSpan.Zero), QuietHours.SendAfter(due, Berlin, Night));
    }

    [Fact]
    public void On_the_spring_daylight_saving_night_the_morning_end_is_in_summer_time()
    {
        // 22:00 CET on Saturday 2026-03-28; the clocks go forward at 02:00 on Sunday, so 08:00 is 06:00 UTC, not 07:00.
        var due = new DateTimeOffset(2026, 3, 28, 21, 0, 0, TimeSpan.Zero);

        var after = QuietHours.SendAfter(due, Berlin, Night);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), after);
        Assert.Equal(TimeSpan.FromHours(9), after - due);
    }

    [Fact]
    public void On_the_autumn_daylight_saving_night_the_wait_is_an_hour_longer()
    {
        var due = new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.Zero); // 22:00 CEST; back to CET at 03:00

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), QuietHours.SendAfter(due, Berlin, Night));
    }

    [Fact]
    public void Quiet_hours_within_one_day_and_switched_off_are_both_honoured()
    {
        var noon = new DateTimeOffset(2026, 6, 10, 10, 30, 0, TimeSpan.Zero); // 12:30 in Berlin

        Assert.Equal(new DateTimeOffset(2026, 6, 10, 11, 0, 0, TimeSpan.Zero), QuietHours.SendAfter(noon, Berlin, new() { Start = new(12, 0), End = new(13, 0) }));
        Assert.Equal(noon, QuietHours.SendAfter(noon, Berlin, new() { Start = new(9, 0), End = new(9, 0) }));
    }
}
