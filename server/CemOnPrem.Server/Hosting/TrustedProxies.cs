using System.Net;
using CemOnPrem.Http.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies named in <c>Cem:Network:TrustedProxies</c>
/// only, so the source address that rate limits, the login failure budget and the audit trail see is the caller's, not the
/// proxy's, and a caller cannot choose its own address by sending the header itself.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddCemTrustedProxies(this IServiceCollection services, NetworkOptions network)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk the chain from the nearest hop while each hop is a trusted proxy; the first untrusted one is the caller.
            options.ForwardLimit = null;
            // The framework trusts loopback by default; here only what the operator names.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in network.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var range))
                {
                    options.KnownIPNetworks.Add(range);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, and only when proxies are named: otherwise forwarded headers mean nothing.</summary>
    public static WebApplication UseCemTrustedProxies(this WebApplication app, NetworkOptions network)
    {
        if (network.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <returns>Null when <paramref name="entry"/> is an IP address or a network in CIDR notation; otherwise the error.</returns>
    public static string? Check(string? entry) =>
        entry is not null && (IPAddress.TryParse(entry, out _) || System.Net.IPNetwork.TryParse(entry, out _))
            ? null
            : $"'{entry}' is not an IP address (10.0.0.5) or a network in CIDR notation (10.0.0.0/24).";
}
