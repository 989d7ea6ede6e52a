using System.Globalization;
using System.Net;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Clustering;

/// <summary>A <c>cluster_members</c> row (joined with its table version) as Dapper reads and writes it.</summary>
internal sealed class MemberRow
{
    public int TableVersion { get; init; }

    public string? Address { get; init; }

    public int Port { get; init; }

    public int Generation { get; init; }

    public string SiloName { get; init; } = "";

    public string HostName { get; init; } = "";

    public string? RoleName { get; init; }

    public int Status { get; init; }

    public int ProxyPort { get; init; }

    public int UpdateZone { get; init; }

    public int FaultZone { get; init; }

    public string SuspectTimes { get; init; } = "[]";

    public DateTime StartTime { get; init; }

    public DateTime IAmAliveTime { get; init; }

    public int Etag { get; init; }

    public static MemberRow From(MembershipEntry entry, int tableVersion, int etag = 0) => new()
    {
        TableVersion = tableVersion,
        Address = entry.SiloAddress.Endpoint.Address.ToString(),
        Port = entry.SiloAddress.Endpoint.Port,
        Generation = entry.SiloAddress.Generation,
        SiloName = entry.SiloName ?? "",
        HostName = entry.HostName ?? "",
        RoleName = entry.RoleName,
        Status = (int)entry.Status,
        ProxyPort = entry.ProxyPort,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        SuspectTimes = JsonSerializer.Serialize(
            (entry.SuspectTimes ?? []).Select(vote => new SuspectVote(vote.Item1.ToParsableString(), AsUtc(vote.Item2))).ToList(),
            SuspectVoteJson.Default.ListSuspectVote),
        StartTime = AsUtc(entry.StartTime),
        IAmAliveTime = AsUtc(entry.IAmAliveTime),
        Etag = etag,
    };

    public MembershipEntry ToEntry() => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(Address!), Port), Generation),
        SiloName = SiloName,
        HostName = HostName,
        RoleName = RoleName,
        Status = (SiloStatus)Status,
        ProxyPort = ProxyPort,
        UpdateZone = UpdateZone,
        FaultZone = FaultZone,
        SuspectTimes = [.. (JsonSerializer.Deserialize(SuspectTimes, SuspectVoteJson.Default.ListSuspectVote) ?? [])
            .Select(vote => Tuple.Create(SiloAddress.FromParsableString(vote.Silo), AsUtc(vote.At)))],
        StartTime = AsUtc(StartTime),
        IAmAliveTime = AsUtc(IAmAliveTime),
    };

    public string EtagText => Etag.ToString(CultureInfo.InvariantCulture);

    /// <summary>Npgsql writes only UTC <see cref="DateTime"/>s to timestamptz; Orleans hands over UTC or unspecified ones.</summary>
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
