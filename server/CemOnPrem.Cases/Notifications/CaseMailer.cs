using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Sends one case e-mail through the configured SMTP server (MailKit). Permanent SMTP refusals (5xx) are not retried.</summary>
public sealed class CaseMailer(IOptions<SmtpOptions> smtp, IOptions<NotificationsOptions> notifications)
{
    public async Task<DeliveryResult> SendAsync(string address, CaseNotification notification, CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        if (!settings.IsEnabled)
        {
            return DeliveryResult.Retry("SMTP is not configured on this node (Cem:Cases:Smtp:Host)");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = CaseMailText.Subject(notification);
        message.Body = new TextPart("plain") { Text = CaseMailText.Body(notification, notifications.Value.CaseLinkBase) };
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(notifications.Value.TimeoutSeconds).TotalMilliseconds };
        try
        {
            var security = settings.Security switch
            {
                "none" => SecureSocketOptions.None,
                "tls" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken).ConfigureAwait(false);
            if (settings.UserName.Length > 0)
            {
                await client.AuthenticateAsync(settings.UserName, settings.ResolvePassword(), cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Success;
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return DeliveryResult.Fail($"SMTP {(int)ex.StatusCode} {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or AuthenticationException
                                       or IOException or System.Net.Sockets.SocketException or TimeoutException or SslHandshakeException)
        {
            // Only the fault's kind: messages may echo addresses.
            return DeliveryResult.Retry("SMTP " + ex.GetType().Name);
        }
    }
}
