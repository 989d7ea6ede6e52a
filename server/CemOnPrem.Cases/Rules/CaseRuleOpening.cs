using CemOnPrem.Cases.Opening;
using CemOnPrem.Cases.Routing;
using CemOnPrem.Http.OrgUnits;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Turns rule firings into cases in the caller's transaction: firings whose origin key already has a case are dropped
/// before routing and clock planning (one <c>= any</c> probe), the rest are routed, planned and inserted through
/// <see cref="CaseOpening"/> (which skips a key another transaction stored meanwhile). Shared by the projection's
/// observer and the event-rule fast path, so both open exactly the same case for a firing.
/// </summary>
public sealed class CaseRuleOpening(CaseDrafting drafting, OrgTreeCache orgTrees)
{
    /// <returns>How many cases were inserted.</returns>
    public async Task<int> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, DateTimeOffset now,
        IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(firings);
        if (firings.Count == 0)
        {
            return 0;
        }

        var keys = firings.Select(f => f.OriginKey).Distinct(StringComparer.Ordinal).ToArray();
        var existing = (await connection.QueryAsync<string>(new CommandDefinition(
            "select origin_key from cases where origin_key = any(@keys)", new { keys }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var fresh = firings.Where(f => !existing.Contains(f.OriginKey)).DistinctBy(f => f.OriginKey, StringComparer.Ordinal).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var tree = await orgTrees.ForScopeAsync(fresh.Select(f => f.OrgUnit).OfType<string>().Distinct(StringComparer.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        var router = CaseRouter.For(tree);
        var drafts = new List<NewCase>(fresh.Count);
        foreach (var firing in fresh)
        {
            drafts.Add(await drafting.DraftAsync(region, firing, router, now, cancellationToken).ConfigureAwait(false));
        }

        return (await CaseOpening.InsertAsync(connection, transaction, drafts, cancellationToken).ConfigureAwait(false)).Count;
    }
}
