using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Access;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Derives hostile variants from an endpoint's valid matrix request: every route value, every query parameter (and
/// the date and paging parameters a caller might add), every JSON value (strings, then raw values of other types),
/// every CSV cell, and whole bodies that are not what the endpoint reads.
/// </summary>
public static class HostileRequests
{
    private const string Placeholder = "__hostile_raw_json__";

    private static readonly string[] AddedParameters = ["from", "to", "limit", "orgUnit", "cursor"];

    public static async Task<IReadOnlyList<HostileRequest>> ForAsync(MatrixEntry entry, HttpRequestMessage valid)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(valid);
        var body = valid.Content is null ? null : await valid.Content.ReadAsStringAsync();
        var mediaType = valid.Content?.Headers.ContentType?.MediaType;
        var headers = valid.Headers.ToList();
        var url = valid.RequestUri!.OriginalString;
        var (path, query) = url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, "");
        var result = new List<HostileRequest>();

        HostileRequest Variant(string where, string kind, string variantPath, string variantQuery, string? variantBody, string? variantMediaType) =>
            new(entry.Endpoint, where, kind, valid.Method, variantQuery.Length == 0 ? variantPath : variantPath + "?" + variantQuery, variantBody, variantMediaType, headers);

        // Route values: the segments the route pattern has as {parameters}.
        var pattern = entry.Endpoint[(entry.Endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Math.Min(pattern.Length, segments.Length); i++)
        {
            if (!pattern[i].StartsWith('{'))
            {
                continue;
            }

            // A NUL in the path never reaches the application: Kestrel (and the test server) refuse it first (docs/security.md).
            foreach (var (kind, value) in ForUrl().Where(v => !v.Value.Contains('\0', StringComparison.Ordinal)))
            {
                var changed = segments.ToArray();
                changed[i] = Uri.EscapeDataString(value);
                result.Add(Variant($"route {pattern[i]}", kind, "/" + string.Join('/', changed), query, body, mediaType));
            }
        }

        // Query parameters, present ones replaced and the common date/paging ones added.
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (Name: p[0], Value: p.Length > 1 ? p[1] : "")).ToList();
        foreach (var name in parameters.Select(p => p.Name).Concat(valid.Method == HttpMethod.Get ? AddedParameters : []).Distinct(StringComparer.Ordinal))
        {
            foreach (var (kind, value) in ForUrl())
            {
                var changed = parameters.Where(p => p.Name != name).Select(p => $"{p.Name}={p.Value}").Append($"{name}={Uri.EscapeDataString(value)}");
                result.Add(Variant($"query {name}", kind, path, string.Join('&', changed), body, mediaType));
            }
        }

        if (body is null)
        {
            return result;
        }

        // The body: its values one at a time, then whole bodies of the wrong shape.
        foreach (var (where, kind, variant) in mediaType switch
        {
            "application/json" => JsonVariants(body),
            "application/x-ndjson" => JsonVariants(body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).Select(v => (v.Where, v.Kind, v.Body + "\n")),
            "text/csv" => CsvVariants(body),
            _ => [],
        })
        {
            result.Add(Variant(where, kind, path, query, variant, mediaType));
        }

        result.AddRange(HostileValues.Bodies.Select(whole => Variant("whole body", "shape", path, query, whole, mediaType)));
        result.Add(Variant("content type", "shape", path, query, body, "text/plain"));
        result.Add(Variant("content type", "shape", path, query, null, null));
        return result;
    }

    private static IEnumerable<(string Kind, string Value)> ForUrl() =>
        HostileValues.ForStrings().Where(v => v.Kind != "junk");

    private static IEnumerable<(string Where, string Kind, string Body)> JsonVariants(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var path in Paths(root, []))
        {
            var where = "json " + string.Join('.', path);
            if (Locate(root, path) is JsonValue value && value.TryGetValue<string>(out _))
            {
                foreach (var (kind, text) in HostileValues.ForStrings())
                {
                    yield return (where, kind, Replace(root, path, JsonValue.Create(text)).ToJsonString());
                }
            }

            foreach (var raw in HostileValues.RawJson)
            {
                yield return (where, raw.Contains("\\ud", StringComparison.OrdinalIgnoreCase) ? "control" : "type",
                    Replace(root, path, JsonValue.Create(Placeholder)).ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<(string Where, string Kind, string Body)> CsvVariants(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        for (var i = 0; i < row.Length; i++)
        {
            foreach (var (kind, value) in HostileValues.ForStrings())
            {
                var changed = row.ToArray();
                changed[i] = "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                yield return ($"csv {header[i]}", kind, lines[0] + "\n" + string.Join(',', changed) + "\n");
            }
        }
    }

    /// <summary>Every node's path below the root (object keys and array indices).</summary>
    private static IEnumerable<IReadOnlyList<object>> Paths(JsonNode node, IReadOnlyList<object> prefix)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(pair => ((object)pair.Key, pair.Value)).ToList(),
            JsonArray array => array.Select((child, index) => ((object)index, child)).ToList(),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            IReadOnlyList<object> path = [.. prefix, key];
            yield return path;
            if (child is not null)
            {
                foreach (var deeper in Paths(child, path))
                {
                    yield return deeper;
                }
            }
        }
    }

    private static JsonNode? Locate(JsonNode root, IReadOnlyList<object> path) =>
        path.Aggregate((JsonNode?)root, (node, key) => key is string name ? node?[name] : node?[(int)key]);

    private static JsonNode Replace(JsonNode root, IReadOnlyList<object> path, JsonNode replacement)
    {
        var copy = root.DeepClone();
        var parent = Locate(copy, path.Take(path.Count - 1).ToList())!;
        if (path[^1] is string name)
        {
            parent[name] = replacement;
        }
        else
        {
            parent[(int)path[^1]] = replacement;
        }

        return copy;
    }
}
