using System.Net;
using MimeKit;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// The invitation e-mail in zh or en: a subject, a plain-text body and a simple HTML body with the link, signed off
/// with the bank's name. Its Message-Id is made of the invitation id, so a resend after a lost answer is the same
/// message to a receiver that de-duplicates. Nothing personal but the recipient's address.
/// </summary>
public static class InvitationMail
{
    public static MimeMessage Build(string from, string to, Guid invitationId, string language, string surveyName, string bankName, string link,
        DateTimeOffset expiresAt)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = $"{invitationId:N}@{sender.Domain}";
        message.Headers.Add("X-Cem-Invitation", invitationId.ToString());
        var zh = language == "zh";
        var expires = expiresAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        message.Subject = zh ? $"{bankName}：邀请您参与「{surveyName}」" : $"{bankName}: tell us about your experience ({surveyName})";
        var intro = zh ? "感谢您选择我们。请花一两分钟回答几个问题，帮助我们改进服务：" : "Thank you for banking with us. Please take a minute or two to answer a few questions so we can improve:";
        var until = zh ? $"此链接有效期至 {expires}，仅供您本人使用。" : $"This link works until {expires} and is for you alone.";
        var builder = new BodyBuilder
        {
            TextBody = $"{intro}\n\n{link}\n\n{until}\n\n{bankName}\n",
            HtmlBody = $"""
                <!DOCTYPE html><html lang="{(zh ? "zh" : "en")}"><head><meta charset="utf-8"><title>{Html(surveyName)}</title></head>
                <body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">
                <p>{Html(intro)}</p>
                <p><a href="{Html(link)}" style="display:inline-block;padding:10px 18px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">{(zh ? "开始答题" : "Start the survey")}</a></p>
                <p style="font-size:small">{Html(until)}<br>{Html(link)}</p>
                <p>{Html(bankName)}</p>
                </body></html>
                """,
        };
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
