using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Server.Demo;

/// <summary>The demo organisation: head office, one unit per region, branches, a dealer and a claims team under each.</summary>
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

    public static string[] LeafCodes(string region) => [.. LeavesOf(region).Select(leaf => leaf.Code)];

    private static (string Code, string Name, string Level)[] LeavesOf(string region) => region switch
    {
        "cn-east" =>
        [
            ("cn-sh-branch-01", "Shanghai Lujiazui branch", "branch"), ("cn-sh-branch-02", "Shanghai Xuhui branch", "branch"),
            ("cn-hz-branch-01", "Hangzhou West Lake branch", "branch"), ("cn-sh-dealer-01", "Shanghai Pudong dealer", "dealer"),
            ("cn-claims-team", "East China claims desk", "team"),
        ],
        "eu-central" =>
        [
            ("de-fra-branch-01", "Frankfurt Zeil branch", "branch"), ("de-muc-branch-01", "Munich Marienplatz branch", "branch"),
            ("at-vie-branch-01", "Vienna Graben branch", "branch"), ("de-fra-dealer-01", "Frankfurt dealer", "dealer"),
            ("eu-claims-team", "Central Europe claims desk", "team"),
        ],
        _ =>
        [
            (region + "-branch-01", region + " branch 1", "branch"), (region + "-branch-02", region + " branch 2", "branch"),
            (region + "-dealer-01", region + " dealer", "dealer"),
        ],
    };
}
