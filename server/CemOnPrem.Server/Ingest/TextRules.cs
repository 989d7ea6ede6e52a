namespace CemOnPrem.Server.Ingest;

/// <summary>Checks free-form strings before they reach PostgreSQL, which rejects NUL and invalid UTF-16.</summary>
internal static class TextRules
{
    /// <returns>An error message, or null when the text can be stored.</returns>
    public static string? Check(string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters (got {value.Length}).";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "must not contain NUL characters.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode (no unpaired surrogates).";
            }
        }

        return null;
    }
}
