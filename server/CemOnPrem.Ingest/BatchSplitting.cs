using System.Text.Json;

namespace CemOnPrem.Ingest;

/// <summary>
/// Splits a batch body into per-event documents (or per-event parse errors), so one bad line does
/// not sink the others. Only a body that cannot be split at all is an error for the whole batch.
/// </summary>
internal static class BatchSplitting
{
    public sealed record Split(IReadOnlyList<(EventDocument? Document, Dictionary<string, string[]>? Errors)> Items, string? Error);

    public static Split Ndjson(byte[] body)
    {
        var items = new List<(EventDocument?, Dictionary<string, string[]>?)>();
        var span = body.AsSpan();
        while (span.Length > 0)
        {
            var newline = span.IndexOf((byte)'\n');
            var line = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            if (!IsBlank(line))
            {
                items.Add(EventParsing.Parse(line));
            }
        }

        return new Split(items, null);
    }

    public static Split JsonArray(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return new Split([], $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); send a JSON array of events or NDJSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new Split([], "must be a JSON array of events (or use Content-Type: application/x-ndjson).");
            }

            return new Split([.. document.RootElement.EnumerateArray().Select(EventParsing.Parse)], null);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
