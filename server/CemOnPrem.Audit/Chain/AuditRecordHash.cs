using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// hash = SHA-256(previous hash ‖ canonical encoding of the record). The encoding is unambiguous:
/// a version tag, fixed-width big-endian numbers, and every string as a 4-byte length (−1 for null)
/// followed by its UTF-8 bytes, in one fixed field order. Changing it breaks every stored chain.
/// </summary>
public static class AuditRecordHash
{
    public const int Size = 32;

    private static readonly byte[] Version = "cem-audit/v1"u8.ToArray();

    /// <summary>The previous hash of the first record.</summary>
    public static byte[] Genesis { get; } = new byte[Size];

    public static byte[] Compute(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(record.PreviousHash);
        hash.AppendData(Version);
        AppendInt64(hash, record.Sequence);
        AppendInt64(hash, ToUnixMicroseconds(record.RecordedAt));
        AppendString(hash, record.Actor);
        AppendInt32(hash, record.Roles.Count);
        foreach (var role in record.Roles)
        {
            AppendString(hash, role);
        }

        AppendString(hash, record.Action);
        AppendString(hash, record.Resource);
        AppendString(hash, record.Subject);
        AppendString(hash, record.Region);
        AppendString(hash, record.Purpose);
        AppendString(hash, record.Outcome);
        AppendString(hash, record.TraceId);
        AppendString(hash, record.Detail);
        return hash.GetHashAndReset();
    }

    /// <summary>PostgreSQL keeps microseconds; times are cut to that before hashing so the stored row hashes the same.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static long ToUnixMicroseconds(DateTimeOffset time) =>
        (time.ToUniversalTime().Ticks - DateTimeOffset.UnixEpoch.Ticks) / 10;

    private static void AppendInt64(IncrementalHash hash, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void AppendInt32(IncrementalHash hash, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void AppendString(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            AppendInt32(hash, -1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        AppendInt32(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
