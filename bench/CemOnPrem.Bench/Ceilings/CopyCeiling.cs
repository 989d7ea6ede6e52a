using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Bench.Ceilings;

/// <summary>
/// Raw Npgsql binary COPY of rows shaped like the ingested ones into the same region's <c>events</c> table
/// (same indexes, constraints, fsync on, one transaction per COPY): what PostgreSQL can take with no
/// idempotency check, no identity stitching, no HTTP. The ceiling for batch ingest.
/// </summary>
internal static class CopyCeiling
{
    public const int RowsPerCopy = 10_000;

    public static async Task<double> MeasureAsync(string connectionString, string tag, int customers, int streams, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var seed = dataSource.CreateCommand(
            "insert into customers (customer_id, region, created_at) select @tag || '-' || g, 'cn-east', now() from generate_series(0, @n - 1) g on conflict do nothing"))
        {
            seed.Parameters.AddWithValue("tag", "c-" + tag);
            seed.Parameters.AddWithValue("n", customers);
            await seed.ExecuteNonQueryAsync();
        }

        long rows = 0;
        long next = 0;
        var endAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, streams).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (Stopwatch.GetTimestamp() < endAt)
            {
                var first = Interlocked.Add(ref next, RowsPerCopy) - RowsPerCopy;
                await CopyAsync(connection, tag, customers, first);
                Interlocked.Add(ref rows, RowsPerCopy);
            }
        }));
        await Task.WhenAll(workers);
        return rows / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static readonly byte[] TouchpointPii = System.Security.Cryptography.RandomNumberGenerator.GetBytes(90);
    private static readonly byte[] FeedbackPii = System.Security.Cryptography.RandomNumberGenerator.GetBytes(130);

    private static async Task CopyAsync(NpgsqlConnection connection, string tag, int customers, long first)
    {
        var receivedAt = DateTime.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at, pii, attributes, scores) from stdin (format binary)");
        for (var number = first; number < first + RowsPerCopy; number++)
        {
            var customer = (int)(number % customers);
            var feedback = number % 10 >= 7;
            await writer.StartRowAsync();
            await writer.WriteAsync("bench-copy", NpgsqlDbType.Text);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{tag}-{number}"), NpgsqlDbType.Text);
            await writer.WriteAsync("cn-east", NpgsqlDbType.Text);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"c-{tag}-{customer}"), NpgsqlDbType.Text);
            await writer.WriteAsync(feedback ? "feedback" : "touchpoint", NpgsqlDbType.Text);
            await writer.WriteAsync("branch-visit", NpgsqlDbType.Text);
            await writer.WriteAsync("cn-sh-branch-01", NpgsqlDbType.Text);
            await writer.WriteAsync(receivedAt.AddSeconds(-(number % 3600)), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(receivedAt, NpgsqlDbType.TimestampTz);
            // Stands in for the encrypted personal document (identities + text): same order of size as the real one.
            await writer.WriteAsync(feedback ? FeedbackPii : TouchpointPii, NpgsqlDbType.Bytea);
            await writer.WriteAsync(feedback ? "{}" : """{"device":"tablet"}""", NpgsqlDbType.Jsonb);
            await writer.WriteAsync(feedback ? string.Create(CultureInfo.InvariantCulture, $$"""{"nps":{{number % 11}}}""") : "{}", NpgsqlDbType.Jsonb);
        }

        await writer.CompleteAsync();
    }
}
