using CemOnPrem.Cases.Calendars;

namespace CemOnPrem.Cases.Tests.Calendars;

/// <summary>Hand-made calendars the arithmetic is checked against.</summary>
internal static class TestCalendars
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    public static readonly TimeSpan BerlinWinter = TimeSpan.FromHours(1);
    public static readonly TimeSpan BerlinSummer = TimeSpan.FromHours(2);

    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>
    /// China 2026 (Asia/Shanghai) as set by the State Council's notice on the 2026 public holidays (国务院办公厅关于2026年
    /// 部分节假日安排的通知, November 2025), as the author knows it: holidays with their adjusted working days (调休).
    /// The arithmetic tests only need a realistic pattern; the dates are written out so a reader can check them.
    /// </summary>
    public static WorkingCalendar China2026() => Calendar("cn-east", "Asia/Shanghai",
    [
        .. Holidays("2026-01-01", "2026-01-03", "New Year's Day"), Working("2026-01-04", "New Year (adjusted working Sunday)"),
        Working("2026-02-14", "Spring Festival (adjusted working Saturday)"), .. Holidays("2026-02-15", "2026-02-23", "Spring Festival"),
        Working("2026-02-28", "Spring Festival (adjusted working Saturday)"),
        .. Holidays("2026-04-04", "2026-04-06", "Qingming Festival"),
        .. Holidays("2026-05-01", "2026-05-05", "Labour Day"), Working("2026-05-09", "Labour Day (adjusted working Saturday)"),
        .. Holidays("2026-06-19", "2026-06-21", "Dragon Boat Festival"),
        .. Holidays("2026-09-25", "2026-09-27", "Mid-Autumn Festival"),
        Working("2026-09-20", "National Day (adjusted working Sunday)"), .. Holidays("2026-10-01", "2026-10-07", "National Day"),
        Working("2026-10-10", "National Day (adjusted working Saturday)"),
    ]);

    /// <summary>Germany's nationwide holidays around the 2026/2027 year end and Easter 2026 (Europe/Berlin).</summary>
    public static WorkingCalendar Berlin() => Calendar("eu-central", "Europe/Berlin",
    [
        .. Holidays("2026-01-01", "2026-01-01", "Neujahr"), .. Holidays("2026-04-03", "2026-04-03", "Karfreitag"),
        .. Holidays("2026-04-06", "2026-04-06", "Ostermontag"), .. Holidays("2026-12-25", "2026-12-26", "Weihnachten"),
        .. Holidays("2027-01-01", "2027-01-01", "Neujahr"),
    ]);

    /// <summary>Every day a working day (Europe/Berlin), to reach the daylight-saving nights with business days.</summary>
    public static WorkingCalendar BerlinEveryDay() =>
        new("eu-central", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), Enum.GetValues<DayOfWeek>(), TimeSpan.FromHours(9), TimeSpan.FromHours(17), [],
            WorkingCalendar.StoredSource);

    public static WorkingCalendar Calendar(string region, string zone, IEnumerable<CalendarDay> days) =>
        new(region, TimeZoneInfo.FindSystemTimeZoneById(zone), MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(17), days, WorkingCalendar.StoredSource);

    public static DateTimeOffset At(string local, TimeSpan offset) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), offset);

    private static IEnumerable<CalendarDay> Holidays(string first, string last, string name)
    {
        for (var day = DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture); day <= DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture); day = day.AddDays(1))
        {
            yield return new CalendarDay(day, CalendarDayKinds.Holiday, name);
        }
    }

    private static CalendarDay Working(string date, string name) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), CalendarDayKinds.WorkingDay, name);
}
