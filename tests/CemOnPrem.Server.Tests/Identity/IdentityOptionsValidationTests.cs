using CemOnPrem.Identity.Hosting;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>Start-up checks of the sign-in throttling settings: each bad value is refused naming its setting.</summary>
public sealed class IdentityOptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new CemIdentityOptionsValidator().Validate(null, new CemIdentityOptions { GenerateCertificates = true }).Succeeded);
    }

    [Theory]
    [InlineData(0, 60, "Cem:Identity:RateLimits:TokenPerClient")]
    [InlineData(5, 0, "Cem:Identity:RateLimits:TokenPerClient")]
    [InlineData(5, 3601, "Cem:Identity:RateLimits:TokenPerClient")]
    public void Bad_rate_limit_is_refused_naming_the_setting(int permits, int seconds, string setting)
    {
        var options = new CemIdentityOptions { GenerateCertificates = true };
        options.RateLimits.TokenPerClient = new WindowLimitOptions { PermitLimit = permits, WindowSeconds = seconds };

        var result = new CemIdentityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(5, 0)]
    [InlineData(5, 1441)]
    public void Lockout_that_one_address_could_trigger_or_without_a_window_is_refused(int attempts, int minutes)
    {
        var options = new CemIdentityOptions { GenerateCertificates = true, Lockout = new LockoutPolicyOptions { MaxFailedAttempts = attempts, Minutes = minutes } };

        var result = new CemIdentityOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Cem:Identity:Lockout:MaxFailedAttempts", StringComparison.Ordinal));
    }
}
