using System.Text;
using CemOnPrem.Contracts.Text;
using Microsoft.Extensions.Primitives;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Looks inside <c>Authorization: Basic</c> credentials for control characters. The header itself is plain base64,
/// but OpenIddict (<c>/connect/token</c>, <c>/connect/introspect</c>, <c>/connect/revoke</c>) decodes it and then
/// percent-decodes the client id and secret (RFC 6749 §2.3.1 form-encodes them), so a NUL hidden as <c>%00</c> or as a
/// raw byte would otherwise reach the database. A parameter that is not valid base64 is left alone: OpenIddict refuses it.
/// </summary>
internal static class BasicCredentialsCheck
{
    private const string Scheme = "Basic";

    /// <returns>True when any Basic credentials in <paramref name="authorization"/> hold a character the single-line rule forbids.</returns>
    public static bool IsForbidden(StringValues authorization)
    {
        foreach (var value in authorization)
        {
            if (value is null || value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ')
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(value[(Scheme.Length + 1)..].Trim());
            }
            catch (FormatException)
            {
                continue;
            }

            // Raw bytes first: a decoder that reads the payload as ASCII keeps bytes below 0x80 as they are.
            if (bytes.Any(b => b < 0x20 || b == 0x7F))
            {
                return true;
            }

            var text = Encoding.UTF8.GetString(bytes);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            string[] parts = colon < 0 ? [text] : [text[..colon], text[(colon + 1)..]];
            if (InputText.FirstForbidden(text, allowLineBreaks: false) >= 0 ||
                parts.Any(part => InputText.FirstForbidden(FormDecode(part), allowLineBreaks: false) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static string FormDecode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
