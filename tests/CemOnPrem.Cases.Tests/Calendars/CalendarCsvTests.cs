using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Calendars.Files;

namespace CemOnPrem.Cases.Tests.Calendars;

public sealed class CalendarCsvTests
{
    [Fact]
    public void A_file_with_holidays_and_working_days_reads_in_any_column_order()
    {
        var file = CalendarCsv.Read("kind,date,name\r\nholiday,2026-10-01,National Day\r\n\r\nworking-day,2026-10-10,\"Adjusted, Saturday\"\r\n");

        Assert.True(file.IsValid);
        Assert.Equal(
            [new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKinds.Holiday, "National Day"), new CalendarDay(new DateOnly(2026, 10, 10), CalendarDayKinds.WorkingDay, "Adjusted, Saturday")],
            file.Days);
    }

    [Fact]
    public void A_bad_date_is_reported_with_its_line_and_field()
    {
        var file = CalendarCsv.Read("date,kind,name\n2026-10-01,holiday,National Day\n01/10/2026,holiday,National Day\n");

        Assert.False(file.IsValid);
        Assert.Equal(["date: '01/10/2026' is not a date in the form yyyy-MM-dd."], file.Errors["line 3"]);
        Assert.Empty(file.Days);
    }

    [Fact]
    public void A_bad_kind_a_duplicate_and_a_short_line_are_each_reported()
    {
        var file = CalendarCsv.Read("date,kind,name\n2026-10-01,vacation,x\n2026-10-02,holiday,a\n2026-10-02,holiday,b\n2026-10-03,holiday\n");

        Assert.StartsWith("kind: 'vacation' is not a kind", file.Errors["line 2"][0], StringComparison.Ordinal);
        Assert.Equal(["date: 2026-10-02 is listed already on line 3; a date may appear once."], file.Errors["line 4"]);
        Assert.Equal(["line: has 2 fields; the header has 3."], file.Errors["line 5"]);
    }

    [Fact]
    public void A_file_without_the_header_or_empty_is_refused()
    {
        Assert.Equal(["header: must name the columns date,kind,name."], CalendarCsv.Read("2026-10-01,holiday,National Day\n").Errors["line 1"]);
        Assert.True(CalendarCsv.Read("\n\n").Errors.ContainsKey("body"));
    }

    [Fact]
    public void Dates_outside_1900_to_2199_are_refused()
    {
        var file = CalendarCsv.Read("date,kind,name\n1899-12-31,holiday,x\n9999-12-31,holiday,y\n2199-12-31,holiday,z\n");

        Assert.Equal(["date: 1899-12-31 must lie between 1900-01-01 and 2199-12-31."], file.Errors["line 2"]);
        Assert.Equal(["date: 9999-12-31 must lie between 1900-01-01 and 2199-12-31."], file.Errors["line 3"]);
        Assert.False(file.Errors.ContainsKey("line 4"));
    }
}
