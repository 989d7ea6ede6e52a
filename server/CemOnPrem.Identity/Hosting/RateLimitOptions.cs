namespace CemOnPrem.Identity.Hosting;

/// <summary>
/// <c>Cem:Identity:RateLimits</c>: how many requests the sign-in endpoints answer per window before a 429, per node
/// (docs/security.md). "Token" covers every endpoint that checks a client secret: /connect/token, /connect/introspect
/// and /connect/revoke.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per source address to the token, introspection and revocation endpoints.</summary>
    public WindowLimitOptions TokenPerSource { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>Requests per <c>client_id</c> (form or Basic header) to the same endpoints, from any source.</summary>
    public WindowLimitOptions TokenPerClient { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>Login form posts per source address.</summary>
    public WindowLimitOptions LoginPerSource { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>Login form posts per user name (as typed, case-insensitive), from any source.</summary>
    public WindowLimitOptions LoginPerUser { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };
}
