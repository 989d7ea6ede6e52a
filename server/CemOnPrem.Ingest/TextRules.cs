using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Ingest;

/// <summary>Checks free-form strings before they reach PostgreSQL: length, then the shared control-character rule (<see cref="InputText"/>).</summary>
internal static class TextRules
{
    /// <returns>An error message, or null when the text can be stored.</returns>
    public static string? Check(string value, int maxLength) =>
        value.Length > maxLength ? $"must be at most {maxLength} characters (got {value.Length})." : InputText.CheckFreeText(value);
}
