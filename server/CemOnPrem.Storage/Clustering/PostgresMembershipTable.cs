using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Clustering;

/// <summary>
/// Orleans cluster membership in the control database: <c>cluster_versions</c> holds one version per cluster,
/// <c>cluster_members</c> one row per silo incarnation with an integer ETag.
/// </summary>
/// <remarks>
/// Every insert or update of a member row also moves the table version from N-1 to the N the caller names, in one
/// transaction; if either the version or the row's ETag is not what the caller expects, nothing changes and the
/// answer is <c>false</c> — Orleans then re-reads the table and decides again. Only database failures throw.
/// The table version's ETag is the version number itself.
/// </remarks>
public sealed partial class PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, ILogger<PostgresMembershipTable> logger)
    : IMembershipTable
{
    public string ClusterId { get; } = !string.IsNullOrWhiteSpace(clusterId)
        ? clusterId
        : throw new ArgumentException("A cluster id is required.", nameof(clusterId));

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        if (tryInitTableVersion)
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await connection.ExecuteAsync(InitVersionSql, new { ClusterId }).ConfigureAwait(false);
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // Members go with their version row (foreign key on delete cascade).
        await connection.ExecuteAsync(DeleteClusterSql, new { ClusterId = clusterId }).ConfigureAwait(false);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(
            CleanupDefunctSql, new { ClusterId, Before = beforeDate.UtcDateTime, Active = (int)SiloStatus.Active }).ConfigureAwait(false);
        if (removed > 0)
        {
            LogDefunctRemoved(logger, removed, ClusterId, beforeDate);
        }
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(ReadRowSql, new
        {
            ClusterId,
            Address = key.Endpoint.Address.ToString(),
            key.Endpoint.Port,
            key.Generation,
        }).ConfigureAwait(false);
        return ToTableData(rows.AsList());
    }

    public async Task<MembershipTableData> ReadAll()
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(ReadAllSql, new { ClusterId }).ConfigureAwait(false);
        return ToTableData(rows.AsList());
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return WriteAsync(InsertMemberSql, entry, etag: 0, tableVersion);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        // An ETag this table never issued cannot match any row.
        return int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
            ? WriteAsync(UpdateMemberSql, entry, expected, tableVersion)
            : Task.FromResult(false);
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Deliberately outside the versioned protocol: a heartbeat changes neither the table version nor the row's ETag.
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var row = MemberRow.From(entry, tableVersion: 0);
        var updated = await connection.ExecuteAsync(UpdateIAmAliveSql, new
        {
            ClusterId,
            row.Address,
            row.Port,
            row.Generation,
            row.IAmAliveTime,
        }).ConfigureAwait(false);
        if (updated == 0)
        {
            LogIAmAliveOfUnknownSilo(logger, entry.SiloAddress, ClusterId);
        }
    }

    private async Task<bool> WriteAsync(string memberSql, MembershipEntry entry, int etag, TableVersion tableVersion)
    {
        var row = MemberRow.From(entry, tableVersion.Version, etag);
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var bumped = await connection.ExecuteAsync(BumpVersionSql, new { ClusterId, tableVersion.Version }, transaction).ConfigureAwait(false);
        if (bumped == 0)
        {
            LogConflict(logger, "table version", entry.SiloAddress, tableVersion.Version, ClusterId);
            return false;
        }

        var written = await connection.ExecuteAsync(memberSql, new
        {
            ClusterId,
            row.Address,
            row.Port,
            row.Generation,
            row.SiloName,
            row.HostName,
            row.RoleName,
            row.Status,
            row.ProxyPort,
            row.UpdateZone,
            row.FaultZone,
            row.SuspectTimes,
            row.StartTime,
            row.IAmAliveTime,
            row.Etag,
        }, transaction).ConfigureAwait(false);
        if (written == 0)
        {
            // Disposing the transaction rolls the version bump back.
            LogConflict(logger, etag == 0 ? "existing row" : "row etag", entry.SiloAddress, tableVersion.Version, ClusterId);
            return false;
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private static MembershipTableData ToTableData(List<MemberRow> rows)
    {
        // No version row yet (the table was never initialised for this cluster): an empty table at version 0.
        var version = rows.Count == 0 ? 0 : rows[0].TableVersion;
        var members = rows.Where(row => row.Address is not null).Select(row => Tuple.Create(row.ToEntry(), row.EtagText)).ToList();
        return new MembershipTableData(members, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership write of {Silo} refused ({Reason}) at table version {Version} of cluster {ClusterId}")]
    private static partial void LogConflict(ILogger logger, string reason, SiloAddress silo, int version, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster {ClusterId} not alive since {Before}")]
    private static partial void LogDefunctRemoved(ILogger logger, int count, string clusterId, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IAmAlive of silo {Silo}, which has no row in cluster {ClusterId}")]
    private static partial void LogIAmAliveOfUnknownSilo(ILogger logger, SiloAddress silo, string clusterId);
}
