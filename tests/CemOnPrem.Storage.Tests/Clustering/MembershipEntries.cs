using System.Net;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Clustering;

/// <summary>Membership entries for tests: unique silo addresses on loopback, times at whole seconds.</summary>
internal static class MembershipEntries
{
    private static int _generation = 1000;

    public static SiloAddress NewSilo(int port = 11111) =>
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Interlocked.Increment(ref _generation));

    public static MembershipEntry Joining(SiloAddress? silo = null)
    {
        var address = silo ?? NewSilo();
        var now = WholeSeconds(DateTime.UtcNow);
        return new MembershipEntry
        {
            SiloAddress = address,
            HostName = "node-a",
            SiloName = "silo-" + address.Generation,
            RoleName = "cem",
            Status = SiloStatus.Joining,
            ProxyPort = 30000,
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }

    public static DateTime WholeSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
