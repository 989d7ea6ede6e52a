using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Calendars.Files;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// The demo's working calendars, from files embedded next to this class: cn-east (Asia/Shanghai, China's 2026 holidays
/// with their adjusted working days, 2027's statutory days) and eu-central (Europe/Berlin, Germany's nationwide holidays
/// 2026–2027). A region that has a calendar already keeps it: an operator's edit survives a demo restart.
/// </summary>
internal static class DemoCalendars
{
    private static readonly (string Region, string TimeZone, string File)[] Files =
    [
        ("cn-east", "Asia/Shanghai", "cn-east.ics"),
        ("eu-central", "Europe/Berlin", "eu-central.csv"),
    ];

    /// <returns>The regions whose calendar was stored now.</returns>
    public static async Task<IReadOnlyList<string>> SeedAsync(CalendarStore store, IReadOnlyList<string> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = new List<string>();
        foreach (var (region, timeZone, file) in Files.Where(f => regions.Contains(f.Region, StringComparer.Ordinal)))
        {
            var text = await ReadAsync(file, cancellationToken).ConfigureAwait(false);
            var days = file.EndsWith(".ics", StringComparison.Ordinal) ? CalendarIcs.Read(text) : CalendarCsv.Read(text);
            if (!days.IsValid)
            {
                // A shipped file that does not parse is a build defect, not a runtime condition.
                throw new InvalidOperationException($"Demo calendar {file}: {string.Join("; ", days.Errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            }

            var draft = CalendarDraft.DefaultWith(days.Days) with { TimeZone = timeZone };
            if (await store.CreateIfAbsentAsync(region, draft, "demo", cancellationToken).ConfigureAwait(false))
            {
                stored.Add(region);
            }
        }

        return stored;
    }

    private static async Task<string> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoCalendars).Assembly.GetManifestResourceStream("demo-calendars/" + file)
            ?? throw new InvalidOperationException($"The demo calendar {file} is not embedded in the server.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
