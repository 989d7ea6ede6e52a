using CemOnPrem.Cases.Notifications;
using CemOnPrem.Delivery;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Delivery;
using Dapper;
using MimeKit;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>Assignees are mailed through a real SMTP exchange (MailKit to a loopback SMTP server).</summary>
public sealed class CaseEmailTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_assigned_case_mails_the_assignee_a_bilingual_message_with_a_link_and_no_customer_data()
    {
        await using var smtp = new SmtpReceiver();
        await AddUserAsync("user-mail-1", "li.wei@bank.example");
        await using var harness = new NotificationsHarness(databases, o => o.CaseLinkBase = "https://cem.bank.example/cases",
            new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "CEM <cem@bank.example>" });
        var caseId = await harness.OpenCaseAsync(Region, assignee: "user-mail-1");

        await harness.PumpAsync(Region, async () => (await harness.OutboxAsync(Region, caseId)).Where(r => r.Kind == "email").All(r => r.State == "delivered")
                                                    && (await harness.OutboxAsync(Region, caseId)).Any(r => r.Kind == "email"));

        // opened and assigned: both while the case has its assignee
        Assert.Equal(["opened", "assigned"], (await harness.OutboxAsync(Region, caseId)).Where(r => r.Kind == "email").Select(r => r.Event));
        var mails = smtp.Messages.Where(m => (Parse(m).Subject ?? "").Contains(caseId, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        var assigned = mails.Select(Parse).Single(m => (m.Subject ?? "").Contains("assigned", StringComparison.Ordinal));
        Assert.Equal(["li.wei@bank.example"], mails[0].Recipients);
        Assert.Equal($"[CEM] Case {caseId} assigned to you / 工单 {caseId} 已分配给您", assigned.Subject);
        Assert.Contains($"https://cem.bank.example/cases/{Region}/{caseId}", assigned.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("服务时限", assigned.TextBody ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assignee_without_an_email_address_gets_no_email_row()
    {
        await using var smtp = new SmtpReceiver();
        await AddUserAsync("user-no-mail", null);
        await using var harness = new NotificationsHarness(databases, smtp: new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "cem@bank.example" });
        var caseId = await harness.OpenCaseAsync(Region, assignee: "user-no-mail");

        while (await harness.FanOut.RunOnceAsync(Region, Cancellation) > 0)
        {
        }

        Assert.DoesNotContain(await harness.OutboxAsync(Region, caseId), r => r.Kind == "email");
    }

    private static MimeMessage Parse(ReceivedMail mail) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));

    private async Task AddUserAsync(string id, string? email)
    {
        await using var connection = await databases.Control.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            insert into identity."AspNetUsers" ("Id", "Disabled", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            values (@id, false, @id, upper(@id), @email, upper(@email), true, false, false, false, 0)
            """, new { id, email });
    }
}
