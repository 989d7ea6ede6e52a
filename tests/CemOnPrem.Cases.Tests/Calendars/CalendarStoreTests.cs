using CemOnPrem.Cases.Calendars;
using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Calendars;

/// <summary>Calendars in the control database (C0070): replace, import merge/replace, versions, the demo's create-if-absent.</summary>
public sealed class CalendarStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private CalendarStore Store => new(databases.Control, TimeProvider.System);

    private static string Region() => "r-" + Guid.NewGuid().ToString("N")[..8];

    private static CalendarDay Day(int month, int day, string kind = CalendarDayKinds.Holiday, string name = "x") => new(new DateOnly(2026, month, day), kind, name);

    [Fact]
    public async Task A_replaced_calendar_reads_back_with_a_new_version_and_only_the_new_days()
    {
        var region = Region();
        await Store.ReplaceAsync(region, new CalendarDraft("Asia/Shanghai", MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(18), [Day(10, 1), Day(10, 2)]), "admin-1", Cancellation);

        var second = await Store.ReplaceAsync(region,
            new CalendarDraft("Europe/Berlin", [DayOfWeek.Monday, DayOfWeek.Sunday], TimeSpan.FromHours(8), TimeSpan.FromDays(1), [Day(10, 10, CalendarDayKinds.WorkingDay)]),
            "admin-2", Cancellation);

        Assert.Equal(2, second.Version);
        Assert.Equal("admin-2", second.UpdatedBy);
        Assert.Equal("Europe/Berlin", second.TimeZone);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Sunday], second.WorkingDays);
        Assert.Equal((TimeSpan.FromHours(8), TimeSpan.FromDays(1)), (second.WorkStart, second.WorkEnd));
        Assert.Equal([Day(10, 10, CalendarDayKinds.WorkingDay)], second.Days);
        Assert.Equal(WorkingCalendar.StoredSource, second.Source);
    }

    [Fact]
    public async Task A_merge_import_adds_and_updates_days_and_a_replace_import_keeps_only_the_files()
    {
        var region = Region();
        await Store.ReplaceAsync(region, new CalendarDraft("Asia/Shanghai", MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(17), [Day(10, 1), Day(10, 2)]), "a", Cancellation);

        var merged = await Store.ImportDaysAsync(region, [Day(10, 2, name: "renamed"), Day(10, 3)], replaceDays: false, "b", Cancellation);
        var replaced = await Store.ImportDaysAsync(region, [Day(5, 1)], replaceDays: true, "c", Cancellation);

        Assert.Equal([Day(10, 1), Day(10, 2, name: "renamed"), Day(10, 3)], merged.Days);
        Assert.Equal([Day(5, 1)], replaced.Days);
        Assert.Equal(("Asia/Shanghai", 3), (replaced.TimeZone, replaced.Version));
    }

    [Fact]
    public async Task An_import_into_a_region_without_a_calendar_stores_the_default_settings()
    {
        var region = Region();

        var calendar = await Store.ImportDaysAsync(region, [Day(12, 25)], replaceDays: false, "a", Cancellation);

        Assert.Equal(("UTC", 1, WorkingCalendar.StoredSource), (calendar.TimeZone, calendar.Version, calendar.Source));
        Assert.Equal(MondayToFriday, calendar.WorkingDays);
    }

    [Fact]
    public async Task Create_if_absent_never_overwrites_an_operators_calendar()
    {
        var region = Region();
        await Store.ReplaceAsync(region, new CalendarDraft("Europe/Berlin", MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(17), [Day(1, 2)]), "operator", Cancellation);

        var created = await Store.CreateIfAbsentAsync(region, new CalendarDraft("Asia/Shanghai", MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(17), [Day(1, 1)]), "demo", Cancellation);
        var fresh = await Store.CreateIfAbsentAsync(Region(), new CalendarDraft("Asia/Shanghai", MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(17), [Day(1, 1)]), "demo", Cancellation);

        Assert.False(created);
        Assert.True(fresh);
        var kept = (await Store.FindAsync(region, Cancellation))!;
        Assert.Equal(("Europe/Berlin", "operator"), (kept.TimeZone, kept.UpdatedBy));
        Assert.Null(await Store.FindAsync(Region(), Cancellation));
    }
}
