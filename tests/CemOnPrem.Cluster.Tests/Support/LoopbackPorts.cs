using System.Net;
using System.Net.Sockets;

namespace CemOnPrem.Cluster.Tests.Support;

internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
