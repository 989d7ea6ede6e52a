namespace CemOnPrem.Audit.Records;

/// <summary>Who acted: <c>user:{sub}</c>, <c>client:{client_id}</c>, <c>anonymous</c> or <c>system</c>, with the roles they held.</summary>
public sealed record AuditActor(string Id, IReadOnlyList<string> Roles)
{
    public static AuditActor Anonymous { get; } = new("anonymous", []);

    /// <summary>The server itself (start-up, background work, the plugin host).</summary>
    public static AuditActor System { get; } = new("system", []);
}
