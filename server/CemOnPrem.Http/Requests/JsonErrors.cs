using System.Text.Json;

namespace CemOnPrem.Http.Requests;

/// <summary>Turns a JSON binding failure into the field at fault and a message a client can act on.</summary>
public static class JsonErrors
{
    /// <summary>The field at fault, as the JSON path the client sent ("customer[0].value"), or "body".</summary>
    public static string FieldOf(JsonException ex)
    {
        var path = ex.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return UnmappedProperty(ex) ?? "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>What is wrong, in the API's words (System.Text.Json's own messages name .NET types).</summary>
    public static string MessageOf(JsonException ex)
    {
        if (UnmappedProperty(ex) is { } property)
        {
            return $"'{property}' is not a known field.";
        }

        // System.Text.Json messages name .NET types; say what the client can act on instead.
        return ex.LineNumber is { } line
            ? $"is not valid here (wrong JSON type or malformed JSON at line {line + 1}, byte {ex.BytePositionInLine + 1})."
            : "is not valid here (wrong JSON type or malformed JSON).";
    }

    private static string? UnmappedProperty(JsonException ex)
    {
        const string marker = "The JSON property '";
        var message = ex.Message;
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }
}
