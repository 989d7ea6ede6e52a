using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Bench.Analytics;

/// <summary>
/// Bulk-loads feedback events straight into a region database with binary COPY: ten NPS answers per customer
/// over the last year, each customer at a home branch. One transaction per chunk of whole customers, as many
/// ingest transactions would have written them, so the projector meets realistic transaction sizes.
/// </summary>
internal static class AnalyticsSeed
{
    public const int EventsPerCustomer = 10;
    public const int CustomersPerTransaction = 5_000;

    public static async Task SeedAsync(string connectionString, string region, IReadOnlyList<string> branches, long fromCustomer, long toCustomer,
        DateTimeOffset now, Action<long> progress)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random((int)(fromCustomer % int.MaxValue) + 7);
        for (var first = fromCustomer; first < toCustomer; first += CustomersPerTransaction)
        {
            var last = Math.Min(toCustomer, first + CustomersPerTransaction);
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var customers = await connection.BeginBinaryImportAsync("copy customers (customer_id, region, created_at) from stdin (format binary)"))
            {
                for (var c = first; c < last; c++)
                {
                    await customers.WriteRowAsync(default, Id(c), region, now.AddDays(-400));
                }

                await customers.CompleteAsync();
            }

            await using (var events = await connection.BeginBinaryImportAsync(
                "copy events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at, pii, attributes, scores) " +
                "from stdin (format binary)"))
            {
                for (var c = first; c < last; c++)
                {
                    var branch = branches[random.Next(branches.Count)];
                    for (var k = 0; k < EventsPerCustomer; k++)
                    {
                        var nps = Score(random);
                        await events.StartRowAsync();
                        await events.WriteAsync("bench-survey", NpgsqlDbType.Text);
                        await events.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"a-{c}-{k}"), NpgsqlDbType.Text);
                        await events.WriteAsync(region, NpgsqlDbType.Text);
                        await events.WriteAsync(Id(c), NpgsqlDbType.Text);
                        await events.WriteAsync("feedback", NpgsqlDbType.Text);
                        await events.WriteAsync("branch-visit", NpgsqlDbType.Text);
                        await events.WriteAsync(random.Next(10) == 0 ? branches[random.Next(branches.Count)] : branch, NpgsqlDbType.Text);
                        await events.WriteAsync(now.AddMinutes(-random.Next(365 * 24 * 60)), NpgsqlDbType.TimestampTz);
                        await events.WriteAsync(now, NpgsqlDbType.TimestampTz);
                        // Not decryptable: the analytics bench never reads personal fields.
                        await events.WriteAsync(new byte[] { 0 }, NpgsqlDbType.Bytea);
                        await events.WriteAsync("{}", NpgsqlDbType.Jsonb);
                        await events.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"nps\": {nps}}}"), NpgsqlDbType.Jsonb);
                    }
                }

                await events.CompleteAsync();
            }

            await transaction.CommitAsync();
            progress((last - fromCustomer) * EventsPerCustomer);
        }
    }

    public static string Id(long customer) => string.Create(CultureInfo.InvariantCulture, $"c-{customer:x32}");

    // Roughly like bank NPS answers: many 8-10s, a tail of detractors.
    private static int Score(Random random) => random.Next(100) switch
    {
        < 45 => random.Next(9, 11),
        < 75 => random.Next(7, 9),
        _ => random.Next(0, 7),
    };
}
