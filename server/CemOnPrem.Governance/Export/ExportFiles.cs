using System.Globalization;
using System.Text.Json;
using CemOnPrem.Contracts.Text;
using CsvHelper;

namespace CemOnPrem.Governance.Export;

/// <summary>Renders a category's rows as JSON (an array of objects) and CSV (nested values as JSON text).</summary>
internal static class ExportFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] ToJson(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) => JsonSerializer.SerializeToUtf8Bytes(rows, Json);

    public static byte[] ToCsv(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var columns = rows.SelectMany(row => row.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count == 0)
        {
            return []; // an empty category: an empty file (its manifest count says 0)
        }

        using var buffer = new MemoryStream();
        // Escape cells a spreadsheet would run as formulas (=, +, -, @): free text comes from customers.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(buffer, options, true))
        {
            csv.WriteRecord([.. columns]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. columns.Select(column => Cell(row.GetValueOrDefault(column)))]);
            }
        }

        return buffer.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string text => SpreadsheetCells.Neutralise(text)!, // the same rule as every CSV the product writes
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, Json).ReplaceLineEndings(" "),
    };
}
