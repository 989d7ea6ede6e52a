using CemOnPrem.Identity.Hosting;
using CemOnPrem.Identity.Throttling;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// The per-source failure budget that keeps one address from locking an account (5 attempts lock it, so one source
/// may fail 4 times per window): attempts in flight hold their place, successes give it back.
/// </summary>
public sealed class LoginFailureBudgetTests
{
    private readonly SteppingClock _clock = new();
    private readonly LoginFailureBudget _budget;

    public LoginFailureBudgetTests() =>
        _budget = new LoginFailureBudget(Options.Create(new CemIdentityOptions { Lockout = new() { MaxFailedAttempts = 5, Minutes = 15 } }), _clock);

    [Fact]
    public void Parallel_attempts_cannot_all_pass_before_the_first_failures_are_counted()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(_budget.TryBegin("198.51.100.1", "admin"));
        }

        // A fifth attempt while four are still being checked: refused, although nothing has failed yet.
        Assert.NotNull(_budget.TryBegin("198.51.100.1", "ADMIN "));
        Assert.Null(_budget.TryBegin("198.51.100.2", "admin"));
        Assert.Null(_budget.TryBegin("198.51.100.1", "someone-else"));
    }

    [Fact]
    public void A_success_gives_its_place_back_and_failures_keep_theirs_for_the_window()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(_budget.TryBegin("198.51.100.1", "admin"));
            _budget.End("198.51.100.1", "admin", failed: false);
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Null(_budget.TryBegin("198.51.100.1", "admin"));
            _budget.End("198.51.100.1", "admin", failed: true);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        // The oldest failure (4 minutes ago) leaves the 15-minute window in 11 minutes: that is when to come back.
        Assert.Equal(TimeSpan.FromMinutes(11), _budget.TryBegin("198.51.100.1", "admin"));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(_budget.TryBegin("198.51.100.1", "admin"));
        Assert.NotNull(_budget.TryBegin("198.51.100.1", "admin"));
    }

    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
