using System.Text.Json.Serialization;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// A region's working calendar: its time zone, weekly working days and hours, and dated exceptions. Business time is
/// counted on it (<see cref="BusinessTime"/>). <see cref="Source"/> is <c>stored</c> or <c>default</c> (no calendar stored:
/// Monday–Friday, 09:00–17:00 UTC, no holidays — and <see cref="Note"/> says so).
/// </summary>
public sealed class WorkingCalendar
{
    public const string StoredSource = "stored";
    public const string DefaultSource = "default";

    // Guards the day-by-day searches: a calendar whose exceptions leave no working day for years is unusable, not a loop.
    private const int MaxSearchDays = 3660;

    private readonly Dictionary<DateOnly, CalendarDay> _days;
    private readonly HashSet<DayOfWeek> _weekdays;

    public WorkingCalendar(string region, TimeZoneInfo zone, IEnumerable<DayOfWeek> workingDays, TimeSpan workStart, TimeSpan workEnd,
        IEnumerable<CalendarDay> days, string source, int version = 0, DateTimeOffset? updatedAt = null, string? updatedBy = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _weekdays = workingDays.ToHashSet();
        if (_weekdays.Count == 0 || workStart < TimeSpan.Zero || workEnd > TimeSpan.FromDays(1) || workEnd <= workStart)
        {
            throw new ArgumentException("A calendar needs at least one working weekday and working hours with start < end within one day.");
        }

        Region = region;
        Zone = zone;
        WorkStart = workStart;
        WorkEnd = workEnd;
        _days = days.ToDictionary(day => day.Date);
        Source = source;
        Version = version;
        UpdatedAt = updatedAt;
        UpdatedBy = updatedBy;
    }

    public string Region { get; }

    [JsonIgnore]
    public TimeZoneInfo Zone { get; }

    public string TimeZone => Zone.Id;

    public IReadOnlyList<DayOfWeek> WorkingDays => [.. _weekdays.OrderBy(day => ((int)day + 6) % 7)];

    public TimeSpan WorkStart { get; }

    public TimeSpan WorkEnd { get; }

    /// <summary>Length of one working day's working hours.</summary>
    public TimeSpan WorkingDayLength => WorkEnd - WorkStart;

    public IReadOnlyCollection<CalendarDay> Days => [.. _days.Values.OrderBy(day => day.Date)];

    public string Source { get; }

    public int Version { get; }

    public DateTimeOffset? UpdatedAt { get; }

    public string? UpdatedBy { get; }

    /// <summary>For a default calendar, what it assumes; null for a stored one.</summary>
    public string? Note => Source == DefaultSource
        ? $"No working calendar is stored for region '{Region}': Monday–Friday, 09:00–17:00 UTC, no public holidays."
        : null;

    /// <summary>The calendar of a region that has none stored.</summary>
    public static WorkingCalendar Default(string region) =>
        new(region, TimeZoneInfo.Utc, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            TimeSpan.FromHours(9), TimeSpan.FromHours(17), [], DefaultSource);

    /// <summary>A dated exception decides; otherwise the weekly pattern.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _days.TryGetValue(date, out var day) ? day.Kind == CalendarDayKinds.WorkingDay : _weekdays.Contains(date.DayOfWeek);

    /// <summary>The first working day after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var i = 0; i < MaxSearchDays; i++)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException($"The calendar of region '{Region}' has no working day within {MaxSearchDays} days after {date}.");
    }

    /// <summary>Working days in [<paramref name="from"/>, <paramref name="to"/>); negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from; date < to; date = date.AddDays(1))
        {
            count += IsWorkingDay(date) ? 1 : 0;
        }

        return count;
    }
}
