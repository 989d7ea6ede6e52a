using System.Globalization;
using Dapper;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Reminders;

/// <summary>
/// Orleans reminders in the control database (<c>reminders</c>), scoped by service id so they survive a new
/// cluster id. Rows carry the grain id's uniform hash for ring-range reads and a table-wide unique ETag.
/// </summary>
public sealed partial class PostgresReminderTable(NpgsqlDataSource dataSource, string serviceId) : IReminderTable
{
    public string ServiceId { get; } = !string.IsNullOrWhiteSpace(serviceId)
        ? serviceId
        : throw new ArgumentException("A service id is required.", nameof(serviceId));

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReminderRow>(ReadByGrainSql, new { ServiceId, GrainId = grainId.ToString() }).ConfigureAwait(false);
        return new ReminderTableData(rows.Select(row => row.ToEntry()));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReminderRow>(
            begin < end ? ReadRangeSql : ReadWrappedRangeSql, new { ServiceId, Begin = (long)begin, End = (long)end }).ConfigureAwait(false);
        return new ReminderTableData(rows.Select(row => row.ToEntry()));
    }

    /// <returns>The reminder, or null when it does not exist.</returns>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReminderRow>(
            ReadOneSql, new { ServiceId, GrainId = grainId.ToString(), ReminderName = reminderName }).ConfigureAwait(false);
        return row?.ToEntry();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var etag = await connection.ExecuteScalarAsync<long>(UpsertSql, new
        {
            ServiceId,
            GrainId = entry.GrainId.ToString(),
            entry.ReminderName,
            GrainHash = (long)entry.GrainId.GetUniformHashCode(),
            StartAt = ReminderRow.AsUtc(entry.StartAt),
            entry.Period,
        }).ConfigureAwait(false);
        return ReminderRow.FormatEtag(etag);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var etag))
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(
            RemoveSql, new { ServiceId, GrainId = grainId.ToString(), ReminderName = reminderName, Etag = etag }).ConfigureAwait(false);
        return removed == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await connection.ExecuteAsync(ClearSql, new { ServiceId }).ConfigureAwait(false);
    }
}
