using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Reminders;

public sealed partial class PostgresReminderTableTests
{
    private const int RangeReminders = 300;

    [Fact]
    public async Task Hash_ranges_are_open_below_and_closed_above_including_the_wrap_around()
    {
        var hashes = await InsertManyAsync();
        var sorted = hashes.Order().ToArray();
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue),
            (0, 0),
            (uint.MaxValue, uint.MaxValue),
            (sorted[10], sorted[200]),        // begin excluded, end included
            (sorted[200], sorted[10]),        // wraps past 2^32-1
            (sorted[^1], sorted[0]),          // wraps: just the smallest
            (sorted[5] - 1, sorted[5]),       // exactly one
            (sorted[5], sorted[5]),           // begin = end: the whole ring
            (uint.MaxValue, 0),               // wraps over nothing but 0
        };
        var random = new Random(8);
        for (var i = 0; i < 200; i++)
        {
            ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in ranges)
        {
            var expected = begin < end
                ? hashes.Where(h => h > begin && h <= end)
                : hashes.Where(h => h > begin || h <= end);

            var rows = await _table.ReadRows(begin, end);

            Assert.Equal(expected.Order(), rows.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        }
    }

    [Fact]
    public async Task Whole_ring_reads_return_every_reminder()
    {
        var hashes = await InsertManyAsync();

        Assert.Equal(hashes.Count, (await _table.ReadRows(0, uint.MaxValue)).Reminders.Count);
        Assert.Equal(hashes.Count, (await _table.ReadRows(0, 0)).Reminders.Count);
        Assert.Equal(1, (await _table.ReadRows(hashes[7] - 1, hashes[7])).Reminders.Count(r => r.GrainId.GetUniformHashCode() == hashes[7]));
    }

    private async Task<List<uint>> InsertManyAsync()
    {
        var grains = Enumerable.Range(0, RangeReminders).Select(_ => NewGrain()).ToList();
        foreach (var chunk in grains.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(grain => _table.UpsertRow(Reminder(grain, "tick"))));
        }

        return [.. grains.Select(grain => grain.GetUniformHashCode())];
    }
}
