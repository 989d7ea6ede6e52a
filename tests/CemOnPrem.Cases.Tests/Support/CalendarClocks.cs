using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Testing;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Support;

/// <summary>The real case clocks over the fixture's control database (no calendar stored: Monday–Friday in UTC).</summary>
internal static class CalendarClocks
{
    public static CaseClocks For(MigratedDatabases databases) =>
        new(new CalendarCache(new CalendarStore(databases.Control, TimeProvider.System), TimeProvider.System), Options.Create(new CaseClocksOptions()));
}
