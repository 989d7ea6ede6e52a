using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// The demo organisation: head office, one unit per region, and under each region branches, a dealer, a store and a
/// unit of every other level the shipped packs' case rules route to (claims, complaints, credit, customer service,
/// logistics, service centre), so every demo case reaches a queue of the level its rule names.
/// </summary>
internal static class DemoOrgTree
{
    public const string HeadOffice = "hq";

    public static IReadOnlyList<OrgUnitDraft> For(IReadOnlyList<string> regions)
    {
        var units = new List<OrgUnitDraft> { new(HeadOffice, "Head office", "hq", null) };
        foreach (var region in regions)
        {
            units.Add(new OrgUnitDraft(region, $"Region {region}", "region", HeadOffice));
            units.AddRange(LeavesOf(region).Select(leaf => new OrgUnitDraft(leaf.Code, leaf.Name, leaf.Level, region)));
        }

        return units;
    }

    public static string[] LeafCodes(string region) => [.. LeavesOf(region).Where(leaf => CustomerFacing.Contains(leaf.Level)).Select(leaf => leaf.Code)];

    /// <returns>The region's first unit of <paramref name="level"/>.</returns>
    public static string CodeOf(string region, string level) => LeavesOf(region).First(leaf => leaf.Level == level).Code;

    /// <summary>Where the synthetic customers' events happen; the teams only receive cases.</summary>
    private static readonly HashSet<string> CustomerFacing = new(StringComparer.Ordinal) { "branch", "dealer", "store" };

    private static (string Code, string Name, string Level)[] LeavesOf(string region) => [.. BranchesOf(region), .. TeamsOf(region)];

    private static (string Code, string Name, string Level)[] TeamsOf(string region)
    {
        var prefix = region switch { "cn-east" => "cn", "eu-central" => "eu", _ => region };
        return
        [
            (prefix + "-complaints-team", $"{region} complaints team", "complaints-team"), (prefix + "-credit-team", $"{region} credit team", "credit-team"),
            (prefix + "-customer-service", $"{region} customer service", "customer-service"), (prefix + "-logistics-team", $"{region} logistics team", "logistics-team"),
            (prefix + "-service-centre", $"{region} service centre", "service-centre"), (prefix + "-store-01", $"{region} flagship store", "store"),
            (prefix + "-claims-team", region switch { "cn-east" => "East China claims desk", "eu-central" => "Central Europe claims desk", _ => region + " claims desk" }, "claims-team"),
        ];
    }

    private static (string Code, string Name, string Level)[] BranchesOf(string region) => region switch
    {
        "cn-east" =>
        [
            ("cn-sh-branch-01", "Shanghai Lujiazui branch", "branch"), ("cn-sh-branch-02", "Shanghai Xuhui branch", "branch"),
            ("cn-hz-branch-01", "Hangzhou West Lake branch", "branch"), ("cn-sh-dealer-01", "Shanghai Pudong dealer", "dealer"),
        ],
        "eu-central" =>
        [
            ("de-fra-branch-01", "Frankfurt Zeil branch", "branch"), ("de-muc-branch-01", "Munich Marienplatz branch", "branch"),
            ("at-vie-branch-01", "Vienna Graben branch", "branch"), ("de-fra-dealer-01", "Frankfurt dealer", "dealer"),
        ],
        _ =>
        [
            (region + "-branch-01", region + " branch 1", "branch"), (region + "-branch-02", region + " branch 2", "branch"),
            (region + "-dealer-01", region + " dealer", "dealer"),
        ],
    };
}
