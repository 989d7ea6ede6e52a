using CemOnPrem.Storage.Customers;
using Npgsql;

namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    /// <summary>
    /// Stitches the fresh events' identities to customers in memory. Only a batch that merges stored
    /// customers goes to the database here (to lock the merge candidates and learn which is oldest).
    /// </summary>
    private static async Task<StitchPlan> PlanStitchingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NewEvent> events, List<int> fresh,
        Dictionary<(string Type, string Value), string> knownOfBatch, Dictionary<string, CustomerChange> changes, CancellationToken cancellationToken)
    {
        var wanted = fresh.SelectMany(i => events[i].Identities).Select(id => (id.Type, id.Value)).ToHashSet();
        var known = knownOfBatch.Where(pair => wanted.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);

        var stitcher = new IdentityStitcher(known, NewCustomerId);
        var provisional = fresh.ToDictionary(i => i, i => stitcher.Assign(events[i].Identities));
        var existing = known.Values.ToHashSet(StringComparer.Ordinal);
        var survivorOfRoot = await ChooseSurvivorsAsync(connection, transaction, stitcher, existing, cancellationToken).ConfigureAwait(false);

        var created = stitcher.Created.Where(id => stitcher.Resolve(id, survivorOfRoot) == id).ToArray();
        // Sorted like the customer locks: two transactions inserting the same new identities wait on each other
        // in the same order instead of deadlocking (the region writer runs two at once, other nodes more).
        var newIdentities = stitcher.NewIdentities(survivorOfRoot)
            .OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).ToList();
        var merges = new List<(string Loser, string Survivor)>();
        foreach (var group in stitcher.MergeGroups())
        {
            var survivor = stitcher.Resolve(group[0], survivorOfRoot);
            foreach (var loser in group.Where(id => id != survivor && existing.Contains(id)))
            {
                merges.Add((loser, survivor));
                changes[loser] = new CustomerChange(loser, 0, Rebuild: true);
                changes[survivor] = new CustomerChange(survivor, 0, Rebuild: true);
            }
        }

        var owners = provisional.ToDictionary(pair => pair.Key, pair => stitcher.Resolve(pair.Value, survivorOfRoot));
        return new StitchPlan(owners, created, newIdentities, merges);
    }

    /// <summary>The oldest stored customer of a merge group survives; a group of new customers keeps its first.</summary>
    private static async Task<Dictionary<string, string>> ChooseSurvivorsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdentityStitcher stitcher, HashSet<string> existing, CancellationToken cancellationToken)
    {
        var groups = stitcher.MergeGroups().ToList();
        var survivorOfRoot = new Dictionary<string, string>(StringComparer.Ordinal);
        if (groups.Count == 0)
        {
            return survivorOfRoot;
        }

        var stored = groups.SelectMany(group => group).Where(existing.Contains).Order(StringComparer.Ordinal).ToArray(); // lock order
        var ages = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(Sql.LockSurvivorCandidates, connection, transaction) { CommandTimeout = 0 }) // AttemptDeadline bounds it
        {
            command.Parameters.Add(new NpgsqlParameter { Value = stored });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ages[reader.GetString(0)] = reader.GetDateTime(1);
            }
        }

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

    private static string NewCustomerId() => "c-" + Guid.CreateVersion7().ToString("N");

    /// <summary>What the batch writes besides its events: the final owner of each fresh event (by index) and the rows stitching adds or moves.</summary>
    private sealed record StitchPlan(
        Dictionary<int, string> Owners,
        string[] Created,
        List<(string Type, string Value, string CustomerId)> NewIdentities,
        List<(string Loser, string Survivor)> Merges);
}
