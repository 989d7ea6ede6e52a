using CemOnPrem.Delivery;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Sends one case e-mail through the configured SMTP server (<see cref="SmtpSender"/>).</summary>
public sealed class CaseMailer(IOptions<SmtpOptions> smtp, IOptions<NotificationsOptions> notifications)
{
    public async Task<DeliveryResult> SendAsync(string address, CaseNotification notification, CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        if (!settings.IsEnabled)
        {
            return DeliveryResult.Retry($"SMTP is not configured on this node ({NotificationsOptions.SmtpSection}:Host)");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = CaseMailText.Subject(notification);
        message.Body = new TextPart("plain") { Text = CaseMailText.Body(notification, notifications.Value.CaseLinkBase) };
        return await SmtpSender.SendAsync(settings, NotificationsOptions.SmtpSection, message, TimeSpan.FromSeconds(notifications.Value.TimeoutSeconds), cancellationToken)
            .ConfigureAwait(false);
    }
}
