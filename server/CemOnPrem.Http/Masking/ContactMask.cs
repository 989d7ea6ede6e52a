namespace CemOnPrem.Http.Masking;

/// <summary>Masks one contact value so a person can recognise it without reading it out: <c>+49 *** ***12</c>, <c>j***@example.com</c>.</summary>
public static class ContactMask
{
    public static string Mask(string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        if (kind.Contains("mail", StringComparison.OrdinalIgnoreCase) || value.Contains('@', StringComparison.Ordinal))
        {
            return Email(value);
        }

        if (kind.Contains("phone", StringComparison.OrdinalIgnoreCase) || kind.Contains("mobile", StringComparison.OrdinalIgnoreCase))
        {
            return Phone(value);
        }

        // Account numbers, VINs, names, addresses: the last characters only for identifiers, the first letter otherwise.
        var compact = value.Trim();
        return compact.Any(char.IsAsciiDigit) ? Tail(compact, 4) : compact.Length == 0 ? "" : compact[0] + "***";
    }

    private static string Email(string value)
    {
        var at = value.LastIndexOf('@');
        return at <= 0 ? "***" : value[0] + "***" + value[at..];
    }

    private static string Phone(string value)
    {
        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        if (digits.Length < 6)
        {
            return "***";
        }

        var prefix = value.TrimStart().StartsWith('+') ? "+" + digits[..2] + " " : "";
        return prefix + "*** ***" + digits[^2..];
    }

    private static string Tail(string value, int visible) =>
        value.Length <= visible ? new string('*', value.Length) : new string('*', value.Length - visible) + value[^visible..];
}
