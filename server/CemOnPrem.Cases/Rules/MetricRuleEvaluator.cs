using CemOnPrem.Cases.Opening;
using CemOnPrem.Cases.Routing;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// One evaluation of the metric rules of a region, by one node at a time: the evaluation holds a transaction-scoped
/// advisory lock of the region database (another node finds it taken and skips this round). A firing opens a case
/// unless its rule × org unit × window bucket already has one (origin key) or the rule × org unit has one still open
/// (checked here; R0083's partial unique index is the backstop). Metric cases have no customer.
/// </summary>
public sealed partial class MetricRuleEvaluator(RegionDatabases regions, ActiveCaseRules rules, MetricFirings metrics, CaseDrafting drafting,
    OrgTreeCache orgTrees, ILogger<MetricRuleEvaluator> logger)
{
    /// <summary>The advisory lock's key in every region database (the ASCII of "cemmet": metric case rules).</summary>
    private const long LockKey = 0x63656D_6D6574;

    /// <returns>The number of cases opened, or null when another node is evaluating the region.</returns>
    public async Task<int?> EvaluateAsync(string region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metricRules = rules.Current().Where(r => r.Rule.Trigger.Metric is not null).ToList();
        if (metricRules.Count == 0)
        {
            return 0;
        }

        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_xact_lock(@key)", new { key = LockKey }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            return null;
        }

        var firings = await metrics.FindAsync(region, metricRules, now, cancellationToken).ConfigureAwait(false);
        var open = (await connection.QueryAsync<(string, string, string)>(new CommandDefinition(
            """
            select pack_id, rule_id, org_unit from cases
            where origin = 'rule' and origin_key like '%/metric:%' and state not in ('resolved', 'closed')
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();
        var fresh = firings.Where(f => !open.Contains((f.Rule.PackId, f.Rule.Rule.Id, f.OrgUnit!))).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var tree = await orgTrees.CurrentAsync(null, cancellationToken).ConfigureAwait(false);
        var router = CaseRouter.For(tree);
        var drafts = new List<NewCase>(fresh.Count);
        foreach (var firing in fresh)
        {
            drafts.Add(await drafting.DraftAsync(region, firing, router, now, cancellationToken).ConfigureAwait(false));
        }

        var inserted = await CaseOpening.InsertAsync(connection, transaction, drafts, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (inserted.Count > 0)
        {
            LogOpened(logger, region, inserted.Count);
        }

        return inserted.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metric case rules in region {Region}: {Opened} cases opened")]
    private static partial void LogOpened(ILogger logger, string region, int opened);
}
