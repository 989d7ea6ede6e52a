namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Instants to a zone's wall clock and back. Going back is where daylight saving bites; the rules (docs/cases.md):
/// a local time that does not exist (the spring gap) moves forward by the length of the gap (02:30 → 03:30 in
/// Europe/Berlin on 2026-03-29); an ambiguous one (the autumn overlap) takes the earlier offset, i.e. the first of the
/// two instants (02:30 on 2026-10-25 → 02:30+02:00).
/// </summary>
public static class ZoneTimes
{
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
    }

    /// <returns>The instant, carrying the zone's offset at that instant.</returns>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        DateTimeOffset instant;
        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap: that lands as far after the gap's start as the time asked for.
            // A day back is before any gap (transitions are months apart; even Samoa's skipped day is covered).
            var before = zone.GetUtcOffset(local.AddDays(-1));
            instant = new DateTimeOffset(local.Ticks - before.Ticks, TimeSpan.Zero);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            instant = new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }
        else
        {
            instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return TimeZoneInfo.ConvertTime(instant, zone);
    }
}
