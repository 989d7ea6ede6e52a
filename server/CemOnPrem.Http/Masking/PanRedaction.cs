using System.Text.RegularExpressions;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Http.Masking;

/// <summary>
/// Redacts payment card numbers at ingest (PCI DSS: a PAN must not be stored readable): a run of 13–19 digits,
/// single spaces or dashes allowed between them, that passes the Luhn check becomes BIN + last four
/// (<c>411111******1111</c>). Runs that fail Luhn (order numbers, phone numbers) are left alone. Fields an active pack
/// lists in <c>panAllowedFields</c> (an attribute name, or <c>text</c>) are kept as sent.
/// </summary>
public sealed partial class PanRedaction(Func<IEnumerable<PackManifest>> activeManifests)
{
    public const string TextField = "text";

    /// <summary>Whether card numbers in <paramref name="field"/> are redacted (no active pack allows them there).</summary>
    public bool Applies(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return !activeManifests().Any(manifest => manifest.PanAllowedFields.Contains(field, StringComparer.OrdinalIgnoreCase));
    }

    public string? Redact(string field, string? value) =>
        value is null || !Applies(field) ? value : Redact(value);

    public static string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CandidateRun().Replace(value, match =>
        {
            var digits = string.Concat(match.Value.Where(char.IsAsciiDigit));
            return IsLuhnValid(digits) ? digits[..6] + new string('*', digits.Length - 10) + digits[^4..] : match.Value;
        });
    }

    public static bool IsLuhnValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    // A whole digit run (not part of a longer one) of 13-19 digits, one space or dash allowed between digits. A run
    // after '+' is an international phone number (1 in 10 of them passes Luhn by chance), not a card number.
    [GeneratedRegex(@"(?<![\d+])\d(?:[ -]?\d){12,18}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex CandidateRun();
}
