using System.Globalization;
using System.Text;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CemOnPrem.Server.Customers;

/// <summary>Opaque, URL-safe timeline cursors: clients pass back what they were given.</summary>
internal static class TimelineCursorCodec
{
    public static string Encode(TimelineCursor cursor) =>
        WebEncoders.Base64UrlEncode(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{cursor.OccurredAt.UtcTicks}.{cursor.Sequence}")));

    public static bool TryDecode(string value, out TimelineCursor? cursor)
    {
        cursor = null;
        try
        {
            var text = Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(value));
            var parts = text.Split('.');
            if (parts.Length == 2 &&
                long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
                long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) &&
                ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks &&
                InputDates.Contains(new DateTimeOffset(ticks, TimeSpan.Zero)))
            {
                cursor = new TimelineCursor(new DateTimeOffset(ticks, TimeSpan.Zero), sequence);
                return true;
            }
        }
        catch (FormatException)
        {
            // falls through: not a cursor we issued
        }

        return false;
    }
}
