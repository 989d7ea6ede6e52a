using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CemOnPrem.Delivery;

/// <summary>
/// <c>X-Cem-Signature: sha256=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c>. The timestamp is inside the
/// MAC so a receiver can refuse replays of an old, validly signed body.
/// </summary>
public static class WebhookSignature
{
    public const string EventHeader = "X-Cem-Event";
    public const string DeliveryHeader = "X-Cem-Delivery";
    public const string TimestampHeader = "X-Cem-Timestamp";
    public const string SignatureHeader = "X-Cem-Signature";

    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
