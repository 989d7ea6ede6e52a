using CemOnPrem.Cases.Routing;
using CemOnPrem.Cases.Tests.Rules;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Cases.Tests.Routing;

/// <summary>
/// Routing by the org tree for every <c>routeToLevel</c> the four packs use (plugins/*/rules/*.json): on the path from
/// the event's unit to the root, beside it (nearest under the closest ancestor, ties by code) and unroutable.
/// </summary>
public sealed class CaseRouterTests
{
    /// <summary>Every routeToLevel of the shipped packs (checked against the pack files by <see cref="Every_level_the_packs_route_to_is_tested"/>).</summary>
    public static readonly TheoryData<string> PackLevels =
        ["branch", "claims-team", "complaints-team", "credit-team", "customer-service", "dealer", "logistics-team", "service-centre", "store"];

    private static readonly OrgTree Tree = BuildTree();

    [Theory]
    [MemberData(nameof(PackLevels))]
    public void A_level_on_the_path_gets_the_case_from_a_unit_below_it(string level)
    {
        var route = CaseRouter.For(Tree).Route($"eu-{level}-1-desk", level);

        Assert.Equal(new CaseRoute($"eu-{level}-1", null), route);
    }

    [Theory]
    [MemberData(nameof(PackLevels))]
    public void A_level_beside_the_path_gets_the_nearest_unit_under_the_closest_ancestor_ties_by_code(string level)
    {
        // From a unit of another level in eu: eu has two units of the level at the same depth (-1 wins by code) and a
        // deeper one; cn has its own, which must not be chosen from eu.
        var from = level == "dealer" ? "eu-store-1" : "eu-dealer-1";

        var route = CaseRouter.For(Tree).Route(from, level);

        Assert.Equal(new CaseRoute($"eu-{level}-1", null), route);
        Assert.Equal(new CaseRoute($"cn-{level}-1", null), CaseRouter.For(Tree).Route("cn-x-1", level));
    }

    [Theory]
    [MemberData(nameof(PackLevels))]
    public void An_event_without_an_org_unit_or_with_an_unknown_one_goes_to_the_roots_queue_with_a_reason(string level)
    {
        var none = CaseRouter.For(Tree).Route(null, level);
        var unknown = CaseRouter.For(Tree).Route("no-such-unit", level);

        Assert.Equal(("hq", "unroutable: the event names no org unit"), (none.QueueUnit, none.Reason));
        Assert.Equal(("hq", "unroutable: org unit 'no-such-unit' is not in the org tree"), (unknown.QueueUnit, unknown.Reason));
    }

    [Theory]
    [MemberData(nameof(PackLevels))]
    public void A_level_no_unit_of_the_tree_has_goes_to_the_roots_queue_with_a_reason(string level)
    {
        var bare = new OrgTree([Unit("root", "hq", null, "/root/"), Unit("r", "region", "root", "/root/r/"), Unit("leaf", "other", "r", "/root/r/leaf/")]);

        var route = CaseRouter.For(bare).Route("leaf", level);

        Assert.Equal(new CaseRoute("root", $"unroutable: the org tree has no unit of level '{level}'"), route);
        Assert.False(route.Routed);
    }

    [Fact]
    public void The_nearest_unit_is_the_fewest_steps_down_not_the_first_by_code()
    {
        // "a-deep" sorts before "z-near" but is one level deeper under the common ancestor.
        var tree = new OrgTree([
            Unit("root", "hq", null, "/root/"), Unit("ops", "operations", "root", "/root/ops/"), Unit("a-deep", "complaints-team", "ops", "/root/ops/a-deep/"),
            Unit("z-near", "complaints-team", "root", "/root/z-near/"), Unit("b1", "branch", "root", "/root/b1/")]);

        Assert.Equal("z-near", CaseRouter.For(tree).Route("b1", "complaints-team").QueueUnit);
    }

    [Fact]
    public void Every_level_the_packs_route_to_is_tested()
    {
        var plugins = Path.Combine(RulesBed.RepositoryRoot(), "plugins");
        var used = Directory.GetFiles(plugins, "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "rules")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"routeToLevel\"\\s*:\\s*\"([^\"]+)\"").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Subset(PackLevels.Select(row => row.Data).ToHashSet(StringComparer.Ordinal), used);
    }

    private static OrgTree BuildTree()
    {
        var units = new List<OrgUnit> { Unit("hq", "hq", null, "/hq/") };
        foreach (var region in new[] { "eu", "cn" })
        {
            units.Add(Unit(region, "region", "hq", $"/hq/{region}/"));
            units.Add(Unit($"{region}-x-1", "other", region, $"/hq/{region}/{region}-x-1/"));
            foreach (var level in PackLevels.Select(row => row.Data))
            {
                foreach (var n in region == "eu" ? new[] { 2, 1 } : [1])
                {
                    var code = $"{region}-{level}-{n}";
                    units.Add(Unit(code, level, region, $"/hq/{region}/{code}/"));
                }

                units.Add(Unit($"{region}-{level}-1-desk", "desk", $"{region}-{level}-1", $"/hq/{region}/{region}-{level}-1/{region}-{level}-1-desk/"));
                units.Add(Unit($"{region}-ops-{level}", "operations", region, $"/hq/{region}/{region}-ops-{level}/"));
                units.Add(Unit($"{region}-{level}-0-deep", level, $"{region}-ops-{level}", $"/hq/{region}/{region}-ops-{level}/{region}-{level}-0-deep/"));
            }
        }

        return new OrgTree(units);
    }

    private static OrgUnit Unit(string code, string level, string? parent, string path) => new(code, code, level, parent, path);
}
