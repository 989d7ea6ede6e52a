using System.Threading.RateLimiting;
using CemOnPrem.Identity.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Identity.Throttling;

/// <summary>
/// Per-source throttling before per-account lockout: one source address may fail at most
/// <c>Lockout:MaxFailedAttempts − 1</c> times for one user name within the lockout observation window; after that it
/// gets 429s for that name and its attempts never reach the account. So one address cannot lock an administrator out
/// (the account's failure count also starts afresh once its first counted failure is older than the window: see
/// <see cref="Users.PasswordSignIn"/>); it takes failures from several sources, which the per-user rate limit slows.
/// </summary>
/// <remarks>
/// A sliding window one minute longer than the observation window, in one-minute segments: any span of the
/// observation window's length lies inside one limiter window, so the bound holds however the attempts are timed.
/// Per node, in memory.
/// </remarks>
public sealed class LoginFailureBudget : IDisposable
{
    private static readonly TimeSpan Segment = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures;

    public LoginFailureBudget(IOptions<CemIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lockout = options.Value.Lockout;
        Window = TimeSpan.FromMinutes(lockout.Minutes);
        var permits = Math.Max(1, lockout.MaxFailedAttempts - 1);
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window + Segment,
            SegmentsPerWindow = lockout.Minutes + 1,
            QueueLimit = 0,
        }));
    }

    /// <summary>The lockout observation window (<c>Cem:Identity:Lockout:Minutes</c>).</summary>
    public TimeSpan Window { get; }

    /// <returns>When this source may try this user name again, or null while it has failures left.</returns>
    public TimeSpan? Exhausted(string source, string userName)
    {
        using var probe = _failures.AttemptAcquire(Key(source, userName), 0);
        return probe.IsAcquired ? null : Segment;
    }

    /// <summary>One failed attempt of this source for this user name.</summary>
    public void Spend(string source, string userName)
    {
        using var lease = _failures.AttemptAcquire(Key(source, userName));
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string source, string userName) => source + "\n" + userName.Trim().ToUpperInvariant();
}
