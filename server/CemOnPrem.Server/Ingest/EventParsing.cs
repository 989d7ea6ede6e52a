using System.Text.Json;

namespace CemOnPrem.Server.Ingest;

/// <summary>Parses one event document; JSON errors become field errors (the JSON path of the fault).</summary>
internal static class EventParsing
{
    public static (EventDocument? Document, Dictionary<string, string[]>? Errors) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var document = JsonSerializer.Deserialize(json, IngestJsonContext.Default.EventDocument);
            return document is null
                ? (null, new() { ["body"] = ["must be a JSON object, not null."] })
                : (document, null);
        }
        catch (JsonException ex)
        {
            return (null, new() { [FieldOf(ex)] = [MessageOf(ex)] });
        }
    }

    public static (EventDocument? Document, Dictionary<string, string[]>? Errors) Parse(JsonElement element)
    {
        try
        {
            var document = element.Deserialize(IngestJsonContext.Default.EventDocument);
            return document is null
                ? (null, new() { ["body"] = ["must be a JSON object, not null."] })
                : (document, null);
        }
        catch (JsonException ex)
        {
            return (null, new() { [FieldOf(ex)] = [MessageOf(ex)] });
        }
    }

    internal static string FieldOf(JsonException ex)
    {
        var path = ex.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return UnmappedProperty(ex) ?? "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    internal static string MessageOf(JsonException ex)
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
