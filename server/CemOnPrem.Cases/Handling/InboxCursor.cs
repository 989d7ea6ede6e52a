using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The inbox's keyset position: the last row's (opened_at, case_id), opaque to clients (base64url). Stable: rows
/// opened later do not shift the pages after it, and the same position means the same thing on every node.
/// </summary>
internal sealed record InboxCursor(DateTimeOffset OpenedAt, string CaseId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1|" + OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + CaseId));

    public static bool TryDecode(string text, out InboxCursor? cursor)
    {
        cursor = null;
        if (text.Length is 0 or > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
        if (parts is not ["v1", var ticks, var caseId] || caseId.Length is 0 or > 64
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new InboxCursor(new DateTimeOffset(utcTicks, TimeSpan.Zero), caseId);
        return true;
    }
}
