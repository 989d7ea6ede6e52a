using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Identity.Throttling;
using CemOnPrem.Identity.Users;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>Guessing at the login form: one answer for every failure, no replayed codes, no lockout from one address, a hash for unknown users.</summary>
public sealed class SignInAbuseTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string WrongPassword = "Wrong-Passw0rd-x";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Fact]
    public async Task Every_failed_login_gets_the_same_status_and_message()
    {
        var admin = await server.Factory.AddUserAsync([CemRoles.Admin], ["hq"], BothRegions);
        var disabled = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        await using (var scope = server.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(disabled.Name, Cancellation);
        }

        var locked = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        for (var i = 0; i < 5; i++)
        {
            using var guesser = new CodeFlow(server.Factory, $"198.51.100.{i + 1}");
            await guesser.SubmitLoginAsync(locked.Name, WrongPassword, null);
        }

        using var flow = new CodeFlow(server.Factory, "203.0.113.7");
        var answers = new[]
        {
            await flow.SubmitLoginAsync("nobody-" + Guid.NewGuid().ToString("N"), WrongPassword, null),
            await flow.SubmitLoginAsync(admin.Name, WrongPassword, null),
            await flow.SubmitLoginAsync(admin.Name, WrongPassword, admin.CurrentCode()),
            await flow.SubmitLoginAsync(admin.Name, admin.Password, null),
            await flow.SubmitLoginAsync(admin.Name, admin.Password, "000000"),
            await flow.SubmitLoginAsync(disabled.Name, disabled.Password, null),
            await flow.SubmitLoginAsync(locked.Name, locked.Password, null),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var page = await answer.Content.ReadAsStringAsync(Cancellation);
            Assert.Contains(LoginPage.FailedMessage, page, StringComparison.Ordinal);
            Assert.DoesNotContain("locked", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("code from your authenticator", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task One_time_code_is_accepted_once()
    {
        var admin = await server.Factory.AddUserAsync([CemRoles.Admin], ["hq"], BothRegions);
        var code = new Totp(Base32Encoding.ToBytes(admin.TotpSecret!)).ComputeTotp();
        using (var first = new CodeFlow(server.Factory))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitLoginAsync(admin.Name, admin.Password, code)).StatusCode);
        }

        using var second = new CodeFlow(server.Factory);
        var replay = await second.SubmitLoginAsync(admin.Name, admin.Password, code);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains(LoginPage.FailedMessage, await replay.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_of_an_earlier_step_than_the_last_accepted_one_is_refused()
    {
        var admin = await server.Factory.AddUserAsync([CemRoles.Admin], ["hq"], BothRegions);
        var totp = new Totp(Base32Encoding.ToBytes(admin.TotpSecret!));
        using (var first = new CodeFlow(server.Factory))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitLoginAsync(admin.Name, admin.Password, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)))).StatusCode);
        }

        using var second = new CodeFlow(server.Factory);
        var earlier = await second.SubmitLoginAsync(admin.Name, admin.Password, totp.ComputeTotp(DateTime.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, earlier.StatusCode);
    }

    [Fact]
    public async Task One_source_cannot_lock_an_account_out()
    {
        var admin = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        using var attacker = new CodeFlow(server.Factory, "192.0.2.66");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.SubmitLoginAsync(admin.Name, WrongPassword, null)).StatusCode);
        }

        var throttled = await attacker.SubmitLoginAsync(admin.Name, WrongPassword, null);
        var againRight = await attacker.SubmitLoginAsync(admin.Name, admin.Password, null);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, againRight.StatusCode);
        using var owner = new CodeFlow(server.Factory, "192.0.2.67");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitLoginAsync(admin.Name, admin.Password, null)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_costs_a_password_hash_like_a_wrong_password()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var hasher = new CountingHasher(services.GetRequiredService<IPasswordHasher<CemUser>>());
        var signIn = new PasswordSignIn(services.GetRequiredService<UserManager<CemUser>>(), hasher, services.GetRequiredService<LoginFailureBudget>(), TimeProvider.System);

        var unknown = await signIn.CheckAsync("nobody-" + Guid.NewGuid().ToString("N"), WrongPassword, null, "192.0.2.80");
        var afterUnknown = hasher.Verifications;
        var wrong = await signIn.CheckAsync(user.Name, WrongPassword, null, "192.0.2.80");

        Assert.Equal((SignInFailure.WrongCredentials, SignInFailure.WrongCredentials), (unknown.Failure, wrong.Failure));
        Assert.Equal(1, afterUnknown);
        Assert.Equal(2, hasher.Verifications);
    }

    private sealed class CountingHasher(IPasswordHasher<CemUser> inner) : IPasswordHasher<CemUser>
    {
        public int Verifications { get; private set; }

        public string HashPassword(CemUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CemUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
