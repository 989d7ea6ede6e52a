using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CemOnPrem.Delivery;

/// <summary>Hands one message to an SMTP server (MailKit). Permanent SMTP refusals (5xx) are not retried.</summary>
public static class SmtpSender
{
    /// <param name="section">The settings' section, named when e-mail is not configured.</param>
    public static async Task<DeliveryResult> SendAsync(SmtpOptions settings, string section, MimeMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsEnabled)
        {
            return DeliveryResult.Retry($"SMTP is not configured on this node ({section}:Host)");
        }

        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
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
