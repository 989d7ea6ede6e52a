using System.Text.Json;
using CemOnPrem.Http.Requests;

namespace CemOnPrem.Ingest;

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
            return (null, new() { [JsonErrors.FieldOf(ex)] = [JsonErrors.MessageOf(ex)] });
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
            return (null, new() { [JsonErrors.FieldOf(ex)] = [JsonErrors.MessageOf(ex)] });
        }
    }
}
