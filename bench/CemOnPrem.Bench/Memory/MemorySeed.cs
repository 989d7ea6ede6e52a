using System.Globalization;
using Npgsql;

namespace CemOnPrem.Bench.Memory;

/// <summary>Seeds customers with one identity and one event each, set-based (the ingest path is not what is measured here).</summary>
internal static class MemorySeed
{
    public static string CustomerId(int i) => string.Create(CultureInfo.InvariantCulture, $"c-mem-{i}");

    public static async Task SeedAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into customers (customer_id, region, created_at)
              select 'c-mem-' || g, 'cn-east', now() from generate_series(0, @n - 1) g;
            insert into customer_identities (id_type, id_value, customer_id, region, first_seen_at)
              select 'account', 'mem-' || lpad(g::text, 8, '0'), 'c-mem-' || g, 'cn-east', now() from generate_series(0, @n - 1) g;
            insert into events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at,
                                identities, attributes, scores, free_text)
              select 'bench-channel', 'mem-' || g, 'cn-east', 'c-mem-' || g, 'feedback', 'branch-visit', 'cn-sh-branch-01',
                     now() - interval '1 hour', now(),
                     jsonb_build_array(jsonb_build_object('Type', 'account', 'Value', 'mem-' || lpad(g::text, 8, '0'))),
                     '{"device":"tablet"}', '{"nps":9}', 'Quick and friendly service, short queue.'
              from generate_series(0, @n - 1) g;
            analyze customers; analyze customer_identities; analyze events;
            """, connection);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("n", count);
        await command.ExecuteNonQueryAsync();
    }
}
