namespace CemOnPrem.Packs.Tests;

internal static class Days
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double days) => Start.AddDays(days);

    public static DateTimeOffset AtHours(double hours) => Start.AddHours(hours);
}
