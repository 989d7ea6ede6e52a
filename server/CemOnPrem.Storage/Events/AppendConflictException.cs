namespace CemOnPrem.Storage.Events;

/// <summary>
/// Other writers kept changing the same identities or customers while this append was retried: nothing was stored.
/// A race, not a fault: the request may be sent again at once (ingest is idempotent), so callers answer 503.
/// </summary>
public sealed class AppendConflictException(string region, Exception inner)
    : Exception($"Region '{region}': concurrent writers kept claiming the same identities; nothing was stored.", inner)
{
    public string Region { get; } = region;
}
