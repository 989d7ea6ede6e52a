namespace CemOnPrem.Contracts.Text;

/// <summary>
/// The one rule for control characters in text that callers send (docs/security.md, "Input rules").
/// Free text (event text, notes, reasons, form fields) may hold tab, CR and LF and nothing else below U+0020;
/// everything that is a name, a code, an identifier, a path or a query value may hold no control character at all.
/// Always refused: the other C0 controls (NUL included: PostgreSQL rejects it in text), DEL, the C1 controls
/// (U+0080–U+009F) and unpaired UTF-16 surrogates (not Unicode; the database refuses them too).
/// </summary>
public static class InputText
{
    /// <summary>The error sentence for free text, for problem details.</summary>
    public const string FreeTextRule = "must not contain control characters (only tab, CR and LF are allowed) or unpaired surrogates.";

    /// <summary>The error sentence for single-line values, for problem details.</summary>
    public const string SingleLineRule = "must not contain control characters (tab, CR and LF included) or unpaired surrogates.";

    /// <returns>Null when <paramref name="value"/> is acceptable free text; otherwise the rule it breaks.</returns>
    public static string? CheckFreeText(string? value) => FirstForbidden(value, allowLineBreaks: true) < 0 ? null : FreeTextRule;

    /// <returns>Null when <paramref name="value"/> is an acceptable single-line value; otherwise the rule it breaks.</returns>
    public static string? CheckSingleLine(string? value) => FirstForbidden(value, allowLineBreaks: false) < 0 ? null : SingleLineRule;

    /// <returns>The index of the first character the rule forbids, or -1.</returns>
    public static int FirstForbidden(string? value, bool allowLineBreaks)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            // char.IsControl: U+0000–U+001F, U+007F and U+0080–U+009F.
            if (char.IsSurrogate(c) || (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n')))
            {
                return i;
            }
        }

        return -1;
    }
}
