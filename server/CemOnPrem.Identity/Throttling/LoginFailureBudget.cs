using System.Collections.Concurrent;
using CemOnPrem.Identity.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Identity.Throttling;

/// <summary>
/// Per-source throttling before per-account lockout: one source address (<see cref="SourceAddress"/>) may fail at most
/// <c>Lockout:MaxFailedAttempts − 1</c> times for one user name within any span of the lockout observation window; past
/// that it gets 429s for that name and its attempts never reach the account. So one address cannot lock an account out
/// (the account's failure count also starts afresh once its first counted failure is older than the window: see
/// <see cref="Users.PasswordSignIn"/>); it takes failures from several sources.
/// </summary>
/// <remarks>
/// An attempt reserves its place before the password is checked (<see cref="TryBegin"/>) and is settled after
/// (<see cref="End"/>): attempts in flight count as failures until they end, so a burst of parallel posts cannot all pass
/// the check while the first ones are still being hashed. A success gives its place back. Per node, in memory
/// (docs/security.md says what that means for a cluster).
/// </remarks>
public sealed class LoginFailureBudget(IOptions<CemIdentityOptions> options, TimeProvider clock)
{
    // Past this many remembered pairs, pairs with nothing left to remember are dropped (one pass, then again at twice).
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Pair> _pairs = new(StringComparer.Ordinal);
    private readonly int _permits = Math.Max(1, options.Value.Lockout.MaxFailedAttempts - 1);
    private int _sweepAt = SweepAbove;

    /// <summary>The lockout observation window (<c>Cem:Identity:Lockout:Minutes</c>).</summary>
    public TimeSpan Window { get; } = TimeSpan.FromMinutes(options.Value.Lockout.Minutes);

    /// <summary>Reserves one attempt of <paramref name="source"/> for <paramref name="userName"/>.</summary>
    /// <returns>Null when the attempt may go ahead (then call <see cref="End"/>); otherwise how long to wait.</returns>
    public TimeSpan? TryBegin(string source, string userName)
    {
        var now = clock.GetUtcNow();
        if (_pairs.Count > _sweepAt)
        {
            Sweep(now);
        }

        while (true)
        {
            var pair = _pairs.GetOrAdd(Key(source, userName), _ => new Pair());
            lock (pair)
            {
                if (pair.Removed)
                {
                    continue; // swept between the lookup and the lock: take the pair that replaces it
                }

                return Reserve(pair, now);
            }
        }
    }

    // Under the pair's lock.
    private TimeSpan? Reserve(Pair pair, DateTimeOffset now)
    {
        pair.Forget(now - Window);
        if (pair.Failures.Count + pair.InFlight >= _permits)
        {
            // When the oldest failure leaves the window a place frees; an attempt in flight frees one sooner.
            var retryAfter = pair.Failures.Count > 0 ? pair.Failures.Peek() + Window - now : TimeSpan.FromSeconds(1);
            return retryAfter > TimeSpan.FromSeconds(1) ? retryAfter : TimeSpan.FromSeconds(1);
        }

        pair.InFlight++;
        return null;
    }

    /// <summary>Settles an attempt <see cref="TryBegin"/> let through: a failure keeps its place for the window.</summary>
    public void End(string source, string userName, bool failed)
    {
        if (!_pairs.TryGetValue(Key(source, userName), out var pair))
        {
            return;
        }

        lock (pair)
        {
            pair.InFlight = Math.Max(0, pair.InFlight - 1);
            if (failed)
            {
                pair.Failures.Enqueue(clock.GetUtcNow());
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, pair) in _pairs)
        {
            lock (pair)
            {
                pair.Forget(now - Window);
                if (pair.InFlight == 0 && pair.Failures.Count == 0)
                {
                    pair.Removed = true;
                    _pairs.TryRemove(new KeyValuePair<string, Pair>(key, pair));
                }
            }
        }

        _sweepAt = Math.Max(SweepAbove, 2 * _pairs.Count);
    }

    private static string Key(string source, string userName) => source + "\n" + userName.Trim().ToUpperInvariant();

    private sealed class Pair
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public int InFlight { get; set; }

        public bool Removed { get; set; }

        public void Forget(DateTimeOffset before)
        {
            while (Failures.Count > 0 && Failures.Peek() <= before)
            {
                Failures.Dequeue();
            }
        }
    }
}
