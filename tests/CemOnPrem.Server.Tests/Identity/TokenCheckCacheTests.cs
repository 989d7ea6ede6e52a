using System.Net;
using System.Security.Claims;
using CemOnPrem.Identity.Validation;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// A node accepts a token it fully validated for at most <c>Cem:Identity:TokenCheckCacheSeconds</c> without validating it
/// again: a revocation it did not see (another node, cemctl) takes effect within that time, never later.
/// </summary>
public sealed class TokenCheckCacheTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_revoked_behind_this_nodes_back_is_refused_once_the_cache_lifetime_has_passed()
    {
        var cache = server.Factory.Services.GetRequiredService<ValidatedTokenCache>();
        var events = new Events();
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var channel = server.Factory.WithBearer(await server.Factory.ClientTokenAsync(clientId, secret), purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), Cancellation)).StatusCode);

        // As another node or cemctl would: straight in the control database, this node's cache untouched.
        await using (var control = new NpgsqlConnection(server.Databases.Control))
        {
            await control.OpenAsync(Cancellation);
            await using var revoke = new NpgsqlCommand(
                "update identity.\"OpenIddictTokens\" t set \"Status\" = 'revoked' from identity.\"OpenIddictApplications\" a " +
                "where t.\"ApplicationId\" = a.\"Id\" and a.\"ClientId\" = $1", control);
            revoke.Parameters.AddWithValue(clientId);
            Assert.True(await revoke.ExecuteNonQueryAsync(Cancellation) > 0);
        }

        var revokedAt = DateTimeOffset.UtcNow;
        HttpStatusCode status;
        do
        {
            status = (await channel.PostAsync("/api/v1/events", Events.Json(events.Feedback()), Cancellation)).StatusCode;
        }
        while (status == HttpStatusCode.Accepted && DateTimeOffset.UtcNow - revokedAt < cache.Lifetime + TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public void Remembered_validations_end_with_the_lifetime_or_the_tokens_expiry_whichever_is_first()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new ValidatedTokenCache(clock) { Lifetime = TimeSpan.FromSeconds(2) };
        cache.Remember("long-lived", Ticket(), clock.GetUtcNow().AddMinutes(5), cache.Generation);
        cache.Remember("expiring", Ticket(), clock.GetUtcNow().AddSeconds(1), cache.Generation);

        Assert.True(cache.TryGet("long-lived", out _));
        Assert.True(cache.TryGet("expiring", out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("expiring", out _));
        Assert.False(cache.TryGet("expiring", out _));
        Assert.False(cache.TryGet("long-lived", out _)); // half-life: this caller renews
        Assert.True(cache.TryGet("long-lived", out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("long-lived", out _));
        Assert.False(cache.TryGet("long-lived", out _));
        Assert.False(cache.TryGet("never-seen", out _));
    }

    [Fact]
    public void In_the_second_half_of_its_life_exactly_one_caller_is_sent_to_validate_again()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var cache = new ValidatedTokenCache(clock) { Lifetime = TimeSpan.FromSeconds(2) };
        cache.Remember("shared", Ticket(), null, cache.Generation);
        Assert.True(cache.TryGet("shared", out _));
        Assert.True(cache.TryGet("shared", out _));

        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(cache.TryGet("shared", out _));
        Assert.True(cache.TryGet("shared", out _));
        Assert.True(cache.TryGet("shared", out _));

        // The renewing caller's full validation replaces the entry with a fresh lifetime.
        cache.Remember("shared", Ticket(), null, cache.Generation);
        clock.Advance(TimeSpan.FromSeconds(0.9));
        Assert.True(cache.TryGet("shared", out _));
    }

    [Fact]
    public void A_zero_lifetime_remembers_nothing_and_clear_forgets_everything()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var off = new ValidatedTokenCache(clock) { Lifetime = TimeSpan.Zero };
        off.Remember("t", Ticket(), null, off.Generation);
        Assert.False(off.TryGet("t", out _));

        var on = new ValidatedTokenCache(clock);
        on.Remember("a", Ticket(), null, on.Generation);
        on.Remember("b", Ticket(), null, on.Generation);
        on.Clear();
        Assert.False(on.TryGet("a", out _));
        Assert.Equal(0, on.Count);
    }

    [Fact]
    public void A_validation_that_began_before_a_clear_is_not_remembered()
    {
        var cache = new ValidatedTokenCache(new ManualClock(DateTimeOffset.UnixEpoch));
        var startedAt = cache.Generation;
        cache.Clear(); // e.g. a revocation committed while the token entry was being read
        cache.Remember("t", Ticket(), null, startedAt);
        Assert.False(cache.TryGet("t", out _));

        cache.Remember("t", Ticket(), null, cache.Generation);
        Assert.True(cache.TryGet("t", out _));
    }

    [Fact]
    public void The_cache_never_grows_beyond_its_capacity()
    {
        var cache = new ValidatedTokenCache(new ManualClock(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < ValidatedTokenCache.Capacity * 2 + 10; i++)
        {
            cache.Remember("token-" + i, Ticket(), null, cache.Generation);
        }

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.Capacity);
    }

    private static AuthenticationTicket Ticket() => new(new ClaimsPrincipal(new ClaimsIdentity("test")), "test");

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
