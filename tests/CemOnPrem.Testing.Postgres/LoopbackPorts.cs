using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CemOnPrem.Testing.Postgres;

/// <summary>
/// Free loopback ports for servers a test starts (PostgreSQL clusters, server nodes), taken <b>below</b> the kernel's
/// ephemeral range.
/// </summary>
/// <remarks>
/// A port the OS hands out for "port 0" comes from the ephemeral range, which outgoing connections also draw their local
/// ports from: between the probe and the server's own bind, a client connection of a parallel test can take it ("address
/// already in use", seen once in CI). Below that range only listeners compete; the port is probed by binding it, and a
/// port handed out once in this process is not handed out again.
/// </remarks>
public static class LoopbackPorts
{
    private const int Lowest = 20_000;
    private static readonly HashSet<int> Given = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Free()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, EphemeralStart);
            lock (Given)
            {
                if (!Given.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by another listener: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {EphemeralStart}.");
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(range[0], CultureInfo.InvariantCulture);
            return start > Lowest + 1_000 ? start : 32_768;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
