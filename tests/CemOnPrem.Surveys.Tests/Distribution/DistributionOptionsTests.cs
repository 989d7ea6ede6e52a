using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Invitations;

namespace CemOnPrem.Surveys.Tests.Distribution;

/// <summary>Bad survey sending settings stop the start with a message naming the setting.</summary>
public sealed class DistributionOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_leave_the_gateway_off()
    {
        Assert.Empty(new DistributionOptions().Validate());
        Assert.Empty(new GatewayOptions().Validate());
        Assert.Empty(InvitationOptionsValidator.Failures(new InvitationOptions()));
        Assert.False(new GatewayOptions().IsEnabled);
    }

    [Theory]
    [InlineData("http://gateway.bank.example/sms", "0123456789abcdef0123456789abcdef", "Cem:Surveys:Gateway:Url")]
    [InlineData("https://gateway.bank.example/sms", "too-short", "Cem:Surveys:Gateway:Secret")]
    public void A_bad_gateway_setting_is_named(string url, string secret, string setting)
    {
        Assert.StartsWith(setting, Assert.Single(new GatewayOptions { Url = url, Secret = secret }.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lease_shorter_than_two_timeouts_is_refused()
    {
        Assert.StartsWith("Cem:Surveys:Distribution:TimeoutSeconds",
            Assert.Single(new DistributionOptions { TimeoutSeconds = 30, LeaseSeconds = 45 }.Validate()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("survey.bank.example", 14, "Cem:Surveys:PublicBaseUrl")]
    [InlineData("https://survey.bank.example", 0, "Cem:Surveys:ExpiryDays")]
    public void A_bad_invitation_setting_is_named(string baseUrl, int expiryDays, string setting)
    {
        var failure = Assert.Single(InvitationOptionsValidator.Failures(new InvitationOptions { PublicBaseUrl = baseUrl, ExpiryDays = expiryDays }));

        Assert.StartsWith(setting, failure, StringComparison.Ordinal);
    }
}
