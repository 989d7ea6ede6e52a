using System.Net;
using System.Net.Sockets;

namespace CemOnPrem.Identity.Throttling;

/// <summary>The key under which sign-in throttling counts a caller's address.</summary>
public static class SourceAddress
{
    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its /64 network, because one subscriber or host is usually given a
    /// whole /64 and could otherwise start afresh with every one of its 2^64 addresses.
    /// </summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
