using CemOnPrem.Cases.Notifications;
using CemOnPrem.Delivery;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>Bad notification and SMTP settings stop the start with a message naming the setting.</summary>
public sealed class NotificationsOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_leave_email_off()
    {
        Assert.Empty(new NotificationsOptions().Validate());
        Assert.Empty(new SmtpOptions().Validate(NotificationsOptions.SmtpSection));
        Assert.False(new SmtpOptions().IsEnabled);
    }

    [Theory]
    [InlineData("none", "cem@bank.example", "", "")]
    [InlineData("tls", "CEM <cem@bank.example>", "cem", "")]
    public void A_complete_smtp_configuration_is_valid(string security, string from, string userName, string password)
    {
        Assert.Empty(new SmtpOptions { Host = "smtp.bank.example", Security = security, From = from, UserName = userName, Password = password }.Validate(NotificationsOptions.SmtpSection));
    }

    [Theory]
    [InlineData("starttls", "", "", "", "Cem:Cases:Smtp:From")]
    [InlineData("ssl", "cem@bank.example", "", "", "Cem:Cases:Smtp:Security")]
    [InlineData("starttls", "cem@bank.example", "", "secret", "Cem:Cases:Smtp:UserName")]
    public void A_bad_smtp_setting_is_named(string security, string from, string userName, string password, string setting)
    {
        var failure = Assert.Single(new SmtpOptions { Host = "smtp.bank.example", Security = security, From = from, UserName = userName, Password = password }.Validate(NotificationsOptions.SmtpSection));

        Assert.StartsWith(setting, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_password_file_is_named()
    {
        var options = new SmtpOptions { Host = "smtp.bank.example", From = "cem@bank.example", UserName = "cem", PasswordFile = "/nonexistent/smtp-password" };

        Assert.StartsWith("Cem:Cases:Smtp:PasswordFile", Assert.Single(options.Validate(NotificationsOptions.SmtpSection)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lease_shorter_than_two_timeouts_is_refused()
    {
        var failure = Assert.Single(new NotificationsOptions { TimeoutSeconds = 30, LeaseSeconds = 45 }.Validate());

        Assert.StartsWith("Cem:Cases:Notifications:LeaseSeconds", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Back_off_doubles_from_the_base_within_the_jitter_and_stops_at_the_cap()
    {
        var options = new NotificationsOptions { RetryBaseSeconds = 10, RetryMaxSeconds = 60 };

        Assert.InRange(RetryBackoff.Delay(1, options).TotalSeconds, 8, 10);
        Assert.InRange(RetryBackoff.Delay(3, options).TotalSeconds, 32, 40);
        Assert.InRange(RetryBackoff.Delay(12, options).TotalSeconds, 48, 60);
    }
}
