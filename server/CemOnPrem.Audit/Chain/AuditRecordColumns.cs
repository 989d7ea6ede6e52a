using CemOnPrem.Audit.Records;
using Npgsql;

namespace CemOnPrem.Audit.Chain;

/// <summary>The column list of <c>audit_records</c> and how a row becomes an <see cref="AuditRecord"/>.</summary>
public static class AuditRecordColumns
{
    public const string List =
        "sequence, recorded_at, actor, roles, action, resource, subject, region, purpose, outcome, trace_id, detail, previous_hash, hash";

    public static AuditRecord Read(NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new AuditRecord(
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetString(2),
            reader.GetFieldValue<string[]>(3),
            reader.GetString(4),
            reader.GetString(5),
            NullableText(reader, 6),
            NullableText(reader, 7),
            NullableText(reader, 8),
            reader.GetString(9),
            NullableText(reader, 10),
            NullableText(reader, 11),
            reader.GetFieldValue<byte[]>(12),
            reader.GetFieldValue<byte[]>(13));
    }

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
