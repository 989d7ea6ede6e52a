using System.Globalization;
using System.Text.Json;

namespace CemOnPrem.Analytics.Rollups;

/// <summary>
/// Compact JSON for a customer's stored contributions: an array of
/// <c>[metric, day, orgUnit, journey, stage, n, a, b, s1, s2, [hist…]]</c>. Decimals round-trip exactly.
/// </summary>
public static class RollupCellsJson
{
    public static string Write(RollupCells cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (key, values) in cells.Cells.OrderBy(pair => pair.Key, RollupKey.Order))
            {
                writer.WriteStartArray();
                writer.WriteStringValue(key.Metric);
                writer.WriteStringValue(key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteStringValue(key.OrgUnit);
                writer.WriteStringValue(key.Journey);
                writer.WriteStringValue(key.Stage);
                writer.WriteNumberValue(values.N);
                writer.WriteNumberValue(values.A);
                writer.WriteNumberValue(values.B);
                writer.WriteNumberValue(values.S1);
                writer.WriteNumberValue(values.S2);
                writer.WriteStartArray();
                foreach (var count in values.Hist)
                {
                    writer.WriteNumberValue(count);
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static RollupCells Read(string json)
    {
        var cells = new RollupCells();
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var key = new RollupKey(
                item[0].GetString()!, DateOnly.ParseExact(item[1].GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                item[2].GetString()!, item[3].GetString()!, item[4].GetString()!);
            var values = cells[key];
            values.N = item[5].GetInt64();
            values.A = item[6].GetInt64();
            values.B = item[7].GetInt64();
            values.S1 = item[8].GetDecimal();
            values.S2 = item[9].GetDecimal();
            values.Hist = [.. item[10].EnumerateArray().Select(count => count.GetInt64())];
        }

        return cells;
    }
}
