using CemOnPrem.Cases.Calendars;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Delivery;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Tests.Support;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;
using MimeKit;

namespace CemOnPrem.Surveys.Tests.Distribution;

/// <summary>Invitation e-mails through a real SMTP exchange (MailKit to a loopback SMTP server).</summary>
public sealed class EmailDeliveryTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;

    [Fact]
    public async Task A_customer_with_an_email_identity_gets_the_invitation_mail_in_the_region_language_with_the_link_and_a_deduplicating_message_id()
    {
        await using var smtp = new SmtpReceiver();
        await using var harness = new SendingHarness(databases, o => o.Regions[Region] = new RegionSurveyOptions { Language = "zh" },
            new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "Survey <survey@bank.example>" });
        var (customer, seq) = await harness.CustomerAsync(Region, null, new CustomerIdentity("email", "wang.fang@example.cn"));
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))?.Status == "sent");

        var invitation = (await harness.ByDecisionAsync(Region, decision))!;
        Assert.Equal(("email", "zh", "delivered"), (invitation.Channel, invitation.Language, invitation.OutboxState));
        Assert.Null(invitation.Link);
        Assert.NotNull(invitation.SentAt);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["wang.fang@example.cn"], mail.Recipients);
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), TestContext.Current.CancellationToken);
        Assert.Equal($"{invitation.Id:N}@bank.example", message.MessageId);
        Assert.Contains("网点服务", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Test Bank", message.Subject, StringComparison.Ordinal);
        Assert.Matches(@"https://survey\.bank\.example/s/[A-Za-z0-9_-]{43}", message.TextBody);
        Assert.Contains("href=\"https://survey.bank.example/s/", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_email_identity_or_smtp_the_invitation_falls_back_to_the_link_channel()
    {
        await using var smtp = new SmtpReceiver();
        await using var harness = new SendingHarness(databases, null, new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "survey@bank.example" });
        var (customer, seq) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);

        await harness.PumpAsync(Region, async () => (await harness.ByDecisionAsync(Region, decision))?.Status == "sent");

        Assert.Equal("link", (await harness.ByDecisionAsync(Region, decision))!.Channel);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task An_email_due_in_quiet_hours_waits_until_they_end()
    {
        await using var smtp = new SmtpReceiver();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var quiet = new QuietHoursOptions { Start = local.AddHours(-1), End = local.AddHours(2) };
        await using var harness = new SendingHarness(databases, o => o.QuietHours = quiet,
            new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "survey@bank.example" });
        await harness.Get<CalendarStore>().ReplaceAsync(Region, new CalendarDraft("Asia/Shanghai", [DayOfWeek.Monday], TimeSpan.FromHours(9), TimeSpan.FromHours(17), []),
            "test", TestContext.Current.CancellationToken);
        var (customer, seq) = await harness.CustomerAsync(Region, null, new CustomerIdentity("email", "li.lei@example.cn"));
        await harness.ConsentAsync(Region, customer, "granted");
        var decision = await harness.DecideAsync(Region, customer, DateTimeOffset.UtcNow.AddMinutes(-1), seq);

        await harness.Planner.RunOnceAsync(Region, TestContext.Current.CancellationToken);
        await harness.Dispatcher.RunOnceAsync(Region, TestContext.Current.CancellationToken);

        var waiting = (await harness.ByDecisionAsync(Region, decision))!;
        Assert.Equal(("pending", "waiting"), (waiting.Status, waiting.OutboxState));
        var wait = new DateTimeOffset(DateTime.SpecifyKind(waiting.SendAfter, DateTimeKind.Utc)) - DateTimeOffset.UtcNow;
        Assert.InRange(wait, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));
        Assert.Empty(smtp.Messages);
    }
}
