using System.Text.Json;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Storage.Analytics;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>Turns logged rows into the SDK's <see cref="PackEvent"/> (scores and attributes parsed from their JSON).</summary>
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

    private static Dictionary<string, double> ReadScores(string json)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number)
            {
                scores[property.Name] = property.Value.GetDouble();
            }
        }

        return scores;
    }

    private static Dictionary<string, string> ReadAttributes(string json)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return attributes;
    }
}
