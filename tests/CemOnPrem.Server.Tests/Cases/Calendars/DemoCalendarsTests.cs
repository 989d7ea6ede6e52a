using CemOnPrem.Cases.Calendars;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Server.Demo;
using CemOnPrem.Testing;

namespace CemOnPrem.Server.Tests.Cases.Calendars;

/// <summary>The demo's calendar files parse, land in the control database once, and never overwrite an operator's calendar.</summary>
public sealed class DemoCalendarsTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_seeds_both_calendars_once_and_keeps_an_operators_change()
    {
        var store = new CalendarStore(databases.Control, TimeProvider.System);
        string[] regions = [MigratedDatabases.CnEast, MigratedDatabases.EuCentral];

        var first = await DemoCalendars.SeedAsync(store, regions, Cancellation);
        await store.ImportDaysAsync(MigratedDatabases.EuCentral, [], replaceDays: true, "operator", Cancellation);
        var again = await DemoCalendars.SeedAsync(store, regions, Cancellation);

        Assert.Equal([MigratedDatabases.CnEast, MigratedDatabases.EuCentral], first);
        Assert.Empty(again);
        var eu = (await store.FindAsync(MigratedDatabases.EuCentral, Cancellation))!;
        Assert.Equal(("Europe/Berlin", "operator"), (eu.TimeZone, eu.UpdatedBy));
        Assert.Empty(eu.Days);
        var cn = (await store.FindAsync(MigratedDatabases.CnEast, Cancellation))!;
        // Thursday Feb 12 + 3 business days: Friday 13, Saturday 14 (adjusted working day), then Tuesday 24 after the Spring Festival.
        var due = BusinessTime.Add(cn, new DateTimeOffset(2026, 2, 12, 10, 0, 0, TimeSpan.FromHours(8)), SlaUnit.BusinessDays, 3);
        Assert.Equal(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(("Asia/Shanghai", 39 + 13), (cn.TimeZone, cn.Days.Count));
    }
}
