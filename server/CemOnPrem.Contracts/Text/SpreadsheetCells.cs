namespace CemOnPrem.Contracts.Text;

/// <summary>
/// CSV injection (OWASP "CSV Injection"): a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// CR is run as a formula when the file is opened in a spreadsheet. Every CSV the product writes passes its text
/// cells through <see cref="Neutralise"/>, which prefixes such a cell with a single quote: spreadsheets then show
/// the text as typed, and a reader of the raw file sees the quote and can strip it.
/// </summary>
public static class SpreadsheetCells
{
    /// <returns>Whether a spreadsheet would treat <paramref name="value"/> as a formula.</returns>
    public static bool StartsLikeFormula(string? value) => value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <returns><paramref name="value"/>, with a leading single quote when it starts like a formula.</returns>
    public static string? Neutralise(string? value) => StartsLikeFormula(value) ? "'" + value : value;
}
