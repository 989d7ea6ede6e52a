using CemOnPrem.Cases.Escalation;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>Where a breach sends a case: the parent by default, the chain's level when configured, nowhere from the root.</summary>
public sealed class EscalationTargetTests
{
    private static readonly OrgUnit[] Tree =
    [
        new("hq", "Head office", "hq", null, "/hq/"),
        new("north", "North", "region", "hq", "/hq/north/"),
        new("north-city", "North city", "area", "north", "/hq/north/north-city/"),
        new("branch-01", "Branch 01", "branch", "north-city", "/hq/north/north-city/branch-01/"),
        new("complaints", "Complaints", "complaints-team", "hq", "/hq/complaints/"),
    ];

    private static readonly Dictionary<string, string> NoChain = [];

    [Fact]
    public void Without_a_chain_a_case_goes_to_the_parent_unit()
    {
        var step = EscalationTarget.Decide(Tree, "branch-01", NoChain);

        Assert.Equal(("branch-01", "north-city", true), (step.From, step.To, step.Moved));
    }

    [Fact]
    public void The_chain_skips_to_the_nearest_unit_of_the_configured_level_above()
    {
        var step = EscalationTarget.Decide(Tree, "branch-01", new Dictionary<string, string> { ["branch"] = "region", ["region"] = "hq" });

        Assert.Equal("north", step.To);
        Assert.Equal("chain branch → region", step.Reason);
    }

    [Fact]
    public void A_chain_level_that_is_not_above_the_unit_falls_back_to_the_parent_and_says_so()
    {
        var step = EscalationTarget.Decide(Tree, "branch-01", new Dictionary<string, string> { ["branch"] = "complaints-team" });

        Assert.Equal("north-city", step.To);
        Assert.Contains("no 'complaints-team' unit is above 'branch-01'", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_at_the_root_stays_there_and_says_so()
    {
        var step = EscalationTarget.Decide(Tree, "hq", new Dictionary<string, string> { ["hq"] = "region" });

        Assert.Equal(("hq", "hq", false), (step.From, step.To, step.Moved));
        Assert.Contains("root", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_unit_missing_from_the_tree_stays_and_says_so()
    {
        var step = EscalationTarget.Decide(Tree, "closed-branch", NoChain);

        Assert.False(step.Moved);
        Assert.Contains("not in the org tree", step.Reason, StringComparison.Ordinal);
    }
}
