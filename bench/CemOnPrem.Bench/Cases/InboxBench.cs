using System.Diagnostics;
using System.Globalization;
using CemOnPrem.Bench.Analytics;
using CemOnPrem.Cases.Handling;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Bench.Cases;

/// <summary>
/// The inbox part of <c>./cem bench cases</c>: typical inbox requests against a region holding <c>--inbox-cases</c>
/// cases, through the code the inbox API runs below HTTP — the scope's units from the node's org-tree cache
/// (<see cref="OrgTree.CodesUnder"/>, as <c>CasesApi.InboxAsync</c>) and <see cref="CaseInbox"/>'s query, a page of
/// 50 — so the figure is the query's, without token validation and JSON. Each shape is asked <c>--inbox-queries</c>
/// times (varying the unit, assignee or page), after one unmeasured round.
/// </summary>
internal static class InboxBench
{
    private const string Region = "cn-east";
    private const int Page = 50;

    public static async Task<Dictionary<string, LatencySummary>> RunAsync(string controlConnection, string regionConnection, int queries)
    {
        await using var regions = new RegionDatabases(new Dictionary<string, string> { [Region] = regionConnection });
        var trees = new OrgTreeCache(new OrgUnitStore(new ControlDatabase(controlConnection)), TimeProvider.System);
        var inbox = new CaseInbox(regions, TimeProvider.System);
        var tree = await trees.ForScopeAsync(["ibx-hq"], CancellationToken.None);
        string Branch(int n) => InboxSeed.Branch(n % InboxSeed.Regions, n * 7 % InboxSeed.BranchesPerRegion);
        var shapes = new (string Name, Func<int, (string Unit, InboxQuery Query)> Make)[]
        {
            ("head office, newest", n => Ask("ibx-hq", u => Query(u))),
            ("region subtree + state=new", n => Ask(InboxSeed.Region(n % InboxSeed.Regions), u => Query(u, state: "new"))),
            ("branch + state=new", n => Ask(Branch(n), u => Query(u, state: "new"))),
            ("head office, overdue", n => Ask("ibx-hq", u => Query(u, overdue: true))),
            ("region subtree, overdue", n => Ask(InboxSeed.Region(n % InboxSeed.Regions), u => Query(u, overdue: true))),
            ("head office, assignee", n => Ask("ibx-hq", u => Query(u, assignee: Branch(n) + "-agent-" + (n % 4)))),
            ("head office, text = org unit", n => Ask("ibx-hq", u => Query(u, text: Branch(n)))),
            ("head office, text = case id", n => Ask("ibx-hq", u => Query(u, text: "case-" + (1 + (n * 7919 % 900_000)).ToString("x32", CultureInfo.InvariantCulture)))),
            ("branch, page 5 by cursor", n => Ask(Branch(n), u => Query(u))),
        };

        (string, InboxQuery) Ask(string unit, Func<IReadOnlyList<string>, InboxQuery> make) => (unit, make(tree.CodesUnder([unit])));
        var results = new Dictionary<string, LatencySummary>(StringComparer.Ordinal);
        foreach (var (name, make) in shapes)
        {
            var samples = new List<double>(queries);
            for (var n = -1; n < queries; n++)
            {
                var (_, query) = make(Math.Max(n, 0) + 1);
                if (name.Contains("cursor", StringComparison.Ordinal))
                {
                    // Pages 1-4 unmeasured: the measured request is the fifth page, by the cursor the fourth returned.
                    for (var page = 0; page < 4; page++)
                    {
                        query = query with { After = (await inbox.ListAsync(query, CancellationToken.None)).Next };
                    }
                }

                var clock = Stopwatch.StartNew();
                var (items, _) = await inbox.ListAsync(query, CancellationToken.None);
                if (n >= 0)
                {
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }

                if (n == 0 && items.Count == 0)
                {
                    throw new InvalidOperationException($"inbox bench: '{name}' found no case; the seed does not fit the shape.");
                }
            }

            results[name] = LatencySummary.Of(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  inbox {name}: p50 {results[name].P50:0.0} ms p95 {results[name].P95:0.0} ms max {results[name].Max:0.0} ms"));
        }

        return results;
    }

    private static InboxQuery Query(IReadOnlyList<string> units, string? state = null, bool overdue = false, string? assignee = null, string? text = null) =>
        new([Region], units, state, null, null, overdue, assignee, text, null, Page);
}
