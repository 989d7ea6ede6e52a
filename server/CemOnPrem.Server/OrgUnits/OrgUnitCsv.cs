using System.Text.Unicode;
using CemOnPrem.Storage.OrgUnits;
using CsvHelper;

namespace CemOnPrem.Server.OrgUnits;

/// <summary>
/// Reads an org-unit import file: UTF-8 CSV with the header <c>code,name,level,parent</c> (any column
/// order, header names matched ignoring case, <c>parent</c> empty for a root). Errors name the row and column.
/// </summary>
internal static class OrgUnitCsv
{
    public const int MaxRows = 50_000;
    private static readonly string[] Columns = ["code", "name", "level", "parent"];

    public static (IReadOnlyList<OrgUnitDraft> Units, Dictionary<string, string[]> Errors) Read(byte[] body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var units = new List<OrgUnitDraft>();
        if (!Utf8.IsValid(body))
        {
            errors["body"] = ["is not valid UTF-8."];
            return (units, errors);
        }

        var options = new CsvReaderOptions
        {
            TrimWhitespace = true,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 64 * 1024,
            TrackLineNumbers = true,
        };
        using var csv = CsvReader.Create(body, options);
        try
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                if (csv.TryGetFieldIndex(column, out var i))
                {
                    index[column] = i;
                }
            }

            if (csv.Headers.Count == 0)
            {
                errors["body"] = ["the file is empty; expected a header line code,name,level,parent."];
                return (units, errors);
            }

            var missing = Columns.Where(column => !index.ContainsKey(column)).ToList();
            if (missing.Count > 0)
            {
                errors["header"] = [$"missing column(s): {string.Join(", ", missing)}; expected code,name,level,parent."];
                return (units, errors);
            }

            while (csv.Read())
            {
                if (units.Count >= MaxRows)
                {
                    errors["body"] = [$"more than {MaxRows} rows; split the file."];
                    break;
                }

                // Row numbers as a spreadsheet shows them: the header is line 1.
                var row = csv.LineNumber;
                var parent = csv.GetString(index["parent"]);
                var draft = new OrgUnitDraft(csv.GetString(index["code"]), csv.GetString(index["name"]), csv.GetString(index["level"]),
                    string.IsNullOrEmpty(parent) ? null : parent);
                foreach (var (field, message) in OrgUnitRules.Check(draft))
                {
                    errors[$"row {row}.{field}"] = [message];
                }

                units.Add(draft);
            }
        }
        catch (CsvFormatException ex)
        {
            errors["body"] = [$"is not valid CSV: {ex.Message}"];
        }

        foreach (var duplicate in units.GroupBy(u => u.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors[$"code {duplicate.Key}"] = [$"appears {duplicate.Count()} times in the file."];
        }

        return (units, errors);
    }
}
