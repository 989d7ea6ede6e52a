using CemOnPrem.Storage.Reminders;
using CemOnPrem.Testing;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Reminders;

/// <summary>
/// The behaviours Orleans' own reminder table tests check (ReminderTableTestsBase), against our table: round trip,
/// ETags on upsert and remove, reads by grain and by hash range including the wrap-around range.
/// </summary>
public sealed partial class PostgresReminderTableTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private readonly PostgresReminderTable _table = new(databases.Control.DataSource, "svc-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Upserted_reminder_reads_back_with_its_etag()
    {
        var reminder = Reminder(NewGrain(), "foo/bar\\#b_a_z?");

        var etag = await _table.UpsertRow(reminder);

        var read = await _table.ReadRow(reminder.GrainId, reminder.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(reminder.GrainId, read.GrainId);
        Assert.Equal(reminder.ReminderName, read.ReminderName);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(reminder.Period, read.Period);
        Assert.NotNull(etag);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_missing_reminder_gives_null()
    {
        Assert.Null(await _table.ReadRow(NewGrain(), "nothing"));
    }

    [Fact]
    public async Task Upsert_replaces_the_reminder_with_a_new_etag()
    {
        var reminder = Reminder(NewGrain(), "sla");
        var first = await _table.UpsertRow(reminder);
        reminder.Period = TimeSpan.FromMinutes(5);
        reminder.StartAt = reminder.StartAt.AddHours(1);

        var second = await _table.UpsertRow(reminder);

        Assert.NotEqual(first, second);
        var read = await _table.ReadRow(reminder.GrainId, "sla");
        Assert.Equal(TimeSpan.FromMinutes(5), read!.Period);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Remove_needs_the_current_etag_and_the_right_name()
    {
        var reminder = Reminder(NewGrain(), "escalate");
        var stale = await _table.UpsertRow(reminder);
        var current = await _table.UpsertRow(reminder);

        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale!));
        Assert.False(await _table.RemoveRow(reminder.GrainId, "other", current!));
        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, "not-an-etag"));
        Assert.True(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!));
        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!));
        Assert.Null(await _table.ReadRow(reminder.GrainId, reminder.ReminderName));
    }

    [Fact]
    public async Task A_recreated_reminder_does_not_accept_its_previous_etag()
    {
        var reminder = Reminder(NewGrain(), "again");
        var old = await _table.UpsertRow(reminder);
        Assert.True(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, old!));

        await _table.UpsertRow(reminder);

        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, old!));
    }

    [Fact]
    public async Task Concurrent_upserts_each_get_their_own_etag()
    {
        var etags = await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(i =>
        {
            var reminder = Reminder(NewGrain(), "r" + i);
            return Enumerable.Range(0, 5).Select(_ => Task.Run(() => _table.UpsertRow(reminder)));
        }));

        Assert.Equal(25, etags.Distinct().Count());
    }

    [Fact]
    public async Task Reading_by_grain_returns_only_that_grains_reminders()
    {
        var grain = NewGrain();
        await _table.UpsertRow(Reminder(grain, "a"));
        await _table.UpsertRow(Reminder(grain, "b"));
        await _table.UpsertRow(Reminder(NewGrain(), "a"));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task Reminders_of_other_services_are_invisible_and_survive_their_clear()
    {
        var other = new PostgresReminderTable(databases.Control.DataSource, "svc-other-" + Guid.NewGuid().ToString("N")[..8]);
        var grain = NewGrain();
        await other.UpsertRow(Reminder(grain, "theirs"));
        await _table.UpsertRow(Reminder(grain, "mine"));

        Assert.Equal(["mine"], (await _table.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
        Assert.Null(await _table.ReadRow(grain, "theirs"));
        Assert.Single((await _table.ReadRows(0, 0)).Reminders);

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, 0)).Reminders);
        Assert.Single((await other.ReadRows(grain)).Reminders);
    }

    private static GrainId NewGrain() => GrainId.Create("test-reminder", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Reminder(GrainId grain, string name)
    {
        var now = DateTime.UtcNow;
        return new ReminderEntry
        {
            GrainId = grain,
            ReminderName = name,
            // Unspecified kind, as grains often pass; stored and read back as UTC.
            StartAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified),
            Period = TimeSpan.FromMinutes(1),
        };
    }
}
