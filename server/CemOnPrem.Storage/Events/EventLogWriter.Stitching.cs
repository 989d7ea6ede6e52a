using CemOnPrem.Storage.Customers;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    /// <returns>The final customer id of each fresh event, by event index.</returns>
    private static async Task<Dictionary<int, string>> StitchAndInsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IReadOnlyList<NewEvent> events,
        List<int> fresh, DateTimeOffset receivedAt, Dictionary<string, CustomerChange> changes)
    {
        var wanted = fresh.SelectMany(i => events[i].Identities).Select(id => (id.Type, id.Value)).Distinct().ToList();
        var knownRows = await connection.QueryAsync<(string Type, string Value, string CustomerId)>(
            """
            select ci.id_type, ci.id_value, ci.customer_id
            from customer_identities ci
            join unnest(@types, @values) as k(id_type, id_value) on ci.id_type = k.id_type and ci.id_value = k.id_value
            """,
            new { types = wanted.Select(w => w.Type).ToArray(), values = wanted.Select(w => w.Value).ToArray() },
            transaction).ConfigureAwait(false);
        var known = knownRows.ToDictionary(row => (row.Type, row.Value), row => row.CustomerId);

        var stitcher = new IdentityStitcher(known, NewCustomerId);
        var provisional = fresh.ToDictionary(i => i, i => stitcher.Assign(events[i].Identities));
        var existing = known.Values.ToHashSet(StringComparer.Ordinal);
        var survivorOfRoot = await ChooseSurvivorsAsync(connection, transaction, stitcher, existing).ConfigureAwait(false);

        var created = stitcher.Created.Where(id => stitcher.Resolve(id, survivorOfRoot) == id).ToArray();
        if (created.Length > 0)
        {
            await connection.ExecuteAsync(
                "insert into customers (customer_id, region, created_at) select unnest(@created), @region, @receivedAt",
                new { created, region, receivedAt = receivedAt.UtcDateTime }, transaction).ConfigureAwait(false);
        }

        await InsertIdentitiesAsync(connection, transaction, region, [.. stitcher.NewIdentities(survivorOfRoot)], receivedAt).ConfigureAwait(false);
        foreach (var group in stitcher.MergeGroups())
        {
            var survivor = stitcher.Resolve(group[0], survivorOfRoot);
            foreach (var loser in group.Where(id => id != survivor && existing.Contains(id)))
            {
                await MergeAsync(connection, transaction, loser, survivor).ConfigureAwait(false);
                changes[loser] = new CustomerChange(loser, 0, Rebuild: true);
                changes[survivor] = new CustomerChange(survivor, 0, Rebuild: true);
            }
        }

        return provisional.ToDictionary(pair => pair.Key, pair => stitcher.Resolve(pair.Value, survivorOfRoot));
    }

    /// <summary>The oldest stored customer of a merge group survives; a group of new customers keeps its first.</summary>
    private static async Task<Dictionary<string, string>> ChooseSurvivorsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdentityStitcher stitcher, HashSet<string> existing)
    {
        var groups = stitcher.MergeGroups().ToList();
        var survivorOfRoot = new Dictionary<string, string>(StringComparer.Ordinal);
        if (groups.Count == 0)
        {
            return survivorOfRoot;
        }

        var stored = groups.SelectMany(group => group).Where(existing.Contains).ToArray();
        var ages = (await connection.QueryAsync<(string CustomerId, DateTime CreatedAt)>(
                "select customer_id, created_at from customers where customer_id = any(@stored) order by customer_id for update",
                new { stored }, transaction).ConfigureAwait(false))
            .ToDictionary(row => row.CustomerId, row => row.CreatedAt, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var survivor = group.Where(ages.ContainsKey)
                .OrderBy(id => ages[id]).ThenBy(id => id, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? stitcher.Created.First(group.Contains);
            foreach (var member in group)
            {
                survivorOfRoot[stitcher.Resolve(member, new Dictionary<string, string>())] = survivor;
            }
        }

        return survivorOfRoot;
    }

    private static async Task InsertIdentitiesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region,
        IReadOnlyList<(string Type, string Value, string CustomerId)> identities, DateTimeOffset receivedAt)
    {
        if (identities.Count == 0)
        {
            return;
        }

        var inserted = await connection.ExecuteAsync(
            """
            insert into customer_identities (id_type, id_value, customer_id, region, first_seen_at)
            select t, v, c, @region, @receivedAt from unnest(@types, @values, @customers) as u(t, v, c)
            on conflict (id_type, id_value) do nothing
            """,
            new
            {
                types = identities.Select(i => i.Type).ToArray(),
                values = identities.Select(i => i.Value).ToArray(),
                customers = identities.Select(i => i.CustomerId).ToArray(),
                region,
                receivedAt = receivedAt.UtcDateTime,
            },
            transaction).ConfigureAwait(false);
        if (inserted != identities.Count)
        {
            throw new ConcurrentStitchException();
        }
    }

    private static async Task MergeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string loser, string survivor) =>
        await connection.ExecuteAsync(
            """
            update customer_identities set customer_id = @survivor where customer_id = @loser;
            update events set customer_id = @survivor where customer_id = @loser;
            update customers set merged_into = @survivor where customer_id = @loser or merged_into = @loser;
            update customers set epoch = epoch + 1 where customer_id = @survivor;
            """,
            new { loser, survivor }, transaction).ConfigureAwait(false);

    private static string NewCustomerId() => "c-" + Guid.CreateVersion7().ToString("N");
}
