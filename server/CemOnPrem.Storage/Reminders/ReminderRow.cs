using System.Globalization;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Reminders;

/// <summary>A <c>reminders</c> row as Dapper reads it.</summary>
internal sealed class ReminderRow
{
    public string GrainId { get; init; } = "";

    public string ReminderName { get; init; } = "";

    public DateTime StartAt { get; init; }

    public TimeSpan Period { get; init; }

    public long Etag { get; init; }

    public ReminderEntry ToEntry() => new()
    {
        GrainId = Orleans.Runtime.GrainId.Parse(GrainId, CultureInfo.InvariantCulture),
        ReminderName = ReminderName,
        StartAt = AsUtc(StartAt),
        Period = Period,
        ETag = FormatEtag(Etag),
    };

    public static string FormatEtag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    /// <summary>Npgsql writes only UTC <see cref="DateTime"/>s to timestamptz; reminder start times may come unspecified.</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
