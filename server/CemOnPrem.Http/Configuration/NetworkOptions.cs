namespace CemOnPrem.Http.Configuration;

/// <summary><c>Cem:Network</c>: how this node sees the network in front of it.</summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Reverse proxies and load balancers whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed: IP
    /// addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>). Empty (the default): forwarded headers are ignored
    /// and the source address is the TCP peer. Per-source rate limits and the login failure budget count by the source
    /// address, so behind a proxy this must name it, or every caller shares the proxy's budget.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
