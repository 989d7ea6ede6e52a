using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace CemOnPrem.Identity.Validation;

/// <summary>
/// This node's memory of bearer tokens it fully validated in the last few seconds (<c>Cem:Identity:TokenCheckCacheSeconds</c>).
/// Full validation decrypts the token (RSA) and reads its entry from the control database; a channel sends thousands of
/// calls a second with one token, so repeating that on every call was most of the ingest path's CPU.
/// </summary>
/// <remarks>
/// Revocation, a revoked client and a disabled user clear the whole cache on the node that performs them (rare events;
/// every token is simply validated again on its next call). Another node, or <c>cemctl</c> in its own process, sees the
/// change within the cache lifetime. Bounded: when full, it starts over.
/// </remarks>
public sealed class ValidatedTokenCache(TimeProvider time)
{
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>0 disables the cache: every call is validated in full.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(2);

    public int Count => _entries.Count;

    public bool TryGet(string token, out AuthenticationTicket ticket)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            if (time.GetUtcNow() < entry.ValidUntil)
            {
                ticket = entry.Ticket;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
        }

        ticket = null!;
        return false;
    }

    /// <summary>Remembers a successful validation until the cache lifetime or the token's own expiry, whichever is first.</summary>
    public void Remember(string token, AuthenticationTicket ticket, DateTimeOffset? tokenExpiresAt)
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var until = time.GetUtcNow() + Lifetime;
        if (tokenExpiresAt is { } expiry && expiry < until)
        {
            until = expiry;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(ticket, until);
    }

    /// <summary>Forgets every validation: the next call of every token is validated in full again.</summary>
    public void Clear() => _entries.Clear();

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset ValidUntil);
}
