using System.Globalization;
using System.Text;
using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Audit.Queries;

/// <summary>
/// RFC 4180 CSV of audit records (UTF-8, CRLF, header row; roles joined by ';'). A cell that a spreadsheet would run
/// as a formula is written with a leading single quote (<see cref="SpreadsheetCells"/>); records.json has the values as recorded.
/// </summary>
public static class AuditCsv
{
    private const string Header = "sequence,recorded_at,actor,roles,action,resource,subject,region,purpose,outcome,trace_id,detail,previous_hash,hash";

    public static byte[] Write(IEnumerable<AuditRecordDocument> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var r in records)
        {
            string?[] fields =
            [
                r.Sequence.ToString(CultureInfo.InvariantCulture), r.RecordedAt.ToString("O", CultureInfo.InvariantCulture), r.Actor,
                string.Join(';', r.Roles), r.Action, r.Resource, r.Subject, r.Region, r.Purpose, r.Outcome, r.TraceId, r.Detail, r.PreviousHash, r.Hash,
            ];
            csv.AppendJoin(',', fields.Select(field => Quote(SpreadsheetCells.Neutralise(field)))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
