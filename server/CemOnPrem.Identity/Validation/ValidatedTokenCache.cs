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
    private long _generation;

    /// <summary>0 disables the cache: every call is validated in full.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(2);

    public int Count => _entries.Count;

    /// <summary>Changes at every <see cref="Clear"/>: a validation that started before a clear is not remembered after it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// A remembered validation, unless it ended. In the second half of its life exactly one caller is told "not cached"
    /// and validates in full (renewing the entry) while the others keep using it: with many connections sharing one
    /// token, an expiry would otherwise send all of them to the database at the same instant.
    /// </summary>
    /// <remarks>Takes the token as a span: the API's bearer scheme looks it up without copying it out of its header.</remarks>
    public bool TryGet(ReadOnlySpan<char> token, out AuthenticationTicket ticket)
    {
        ticket = null!;
        if (!_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var key, out var entry))
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (now >= entry.ValidUntil)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            return false;
        }

        if (now >= entry.RenewFrom && entry.ClaimRenewal())
        {
            return false;
        }

        ticket = entry.Ticket;
        return true;
    }

    /// <summary>
    /// Remembers a successful validation until the cache lifetime or the token's own expiry, whichever is first — unless
    /// the cache was cleared since the validation began (<paramref name="generationAtStart"/>): it may have read the token
    /// entry just before a revocation committed.
    /// </summary>
    public void Remember(string token, AuthenticationTicket ticket, DateTimeOffset? tokenExpiresAt, long generationAtStart)
    {
        if (Lifetime <= TimeSpan.Zero || generationAtStart != Generation)
        {
            return;
        }

        var now = time.GetUtcNow();
        var until = now + Lifetime;
        if (tokenExpiresAt is { } expiry && expiry < until)
        {
            until = expiry;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(ticket, until, now + (until - now) / 2);
    }

    /// <summary>Forgets every validation: the next call of every token is validated in full again.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed class Entry(AuthenticationTicket ticket, DateTimeOffset validUntil, DateTimeOffset renewFrom)
    {
        private int _renewalClaimed;

        public AuthenticationTicket Ticket { get; } = ticket;

        public DateTimeOffset ValidUntil { get; } = validUntil;

        public DateTimeOffset RenewFrom { get; } = renewFrom;

        public bool ClaimRenewal() => Interlocked.Exchange(ref _renewalClaimed, 1) == 0;
    }
}
