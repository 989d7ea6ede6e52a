using System.Text;
using System.Text.Json;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Analytics.Projection;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>
/// Turns logged rows into the SDK's <see cref="PackEvent"/>: scores and attributes read from their JSON with a forward-only
/// reader into read-only <see cref="FieldMap{TValue}"/>s, and the empty object (most events have no scores or no
/// attributes) not parsed at all. Every cycle re-derives its customers from their whole histories, so this runs for
/// every event of every touched customer.
/// </summary>
internal static class PackEvents
{
    public static PackEvent From(AnalyticsEventRow row) => new()
    {
        CustomerKey = row.CustomerId,
        Kind = row.Kind,
        Touchpoint = row.Touchpoint,
        OrgUnit = row.OrgUnit,
        OccurredAt = row.OccurredAt,
        Scores = ReadScores(row.Scores),
        Attributes = ReadAttributes(row.Attributes),
    };

    /// <summary>Numeric members only (the ingest API accepts nothing else; anything else is skipped, as before).</summary>
    internal static FieldMap<double> ReadScores(string json)
    {
        if (IsEmptyObject(json))
        {
            return FieldMap<double>.Empty;
        }

        var pairs = new List<KeyValuePair<string, double>>();
        var reader = ObjectReader(Encoding.UTF8.GetBytes(json));
        while (NextMember(ref reader) is { } name)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                pairs.Add(new(name, reader.GetDouble()));
            }
            else
            {
                reader.Skip();
            }
        }

        return FieldMap<double>.Build(pairs);
    }

    /// <summary>String members as their value; any other member as its JSON text.</summary>
    internal static FieldMap<string> ReadAttributes(string json)
    {
        if (IsEmptyObject(json))
        {
            return FieldMap<string>.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = ObjectReader(bytes);
        while (NextMember(ref reader) is { } name)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                pairs.Add(new(name, reader.GetString()!));
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            pairs.Add(new(name, Encoding.UTF8.GetString(bytes, start, end - start)));
        }

        return FieldMap<string>.Build(pairs);
    }

    // PostgreSQL prints an empty jsonb object as exactly "{}"; most events have no scores or no attributes.
    private static bool IsEmptyObject(string json) => json.Length == 2 && json[0] == '{' && json[1] == '}';

    private static Utf8JsonReader ObjectReader(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        return reader;
    }

    /// <returns>The next member's name with the reader on its value, or null at the end of the object.</returns>
    private static string? NextMember(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = reader.GetString()!;
        reader.Read();
        return name;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a stored event's JSON, found {reader.TokenType}.");
        }
    }
}
