namespace CemOnPrem.Storage.Customers;

/// <summary>
/// Identity values are compared after normalisation, so "Ann@Example.com " and "ann@example.com"
/// stitch to one customer. Ingest and lookup both go through here.
/// </summary>
public static class IdentityNormalization
{
    public static string Normalize(string type, string value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return type switch
        {
            "email" => trimmed.ToLowerInvariant(),
            "vin" => trimmed.ToUpperInvariant(),
            "phone" => NormalizePhone(trimmed),
            _ => trimmed,
        };
    }

    // Keep a leading '+' and digits; drop the spaces, dashes, dots and brackets people type.
    private static string NormalizePhone(string value) =>
        string.Concat(value.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)));
}
