using CemOnPrem.Cases.Escalation;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>Bad <c>Cem:Cases:Escalation</c> settings stop the start with a message naming the setting.</summary>
public sealed class EscalationOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new EscalationOptions().Validate());
    }

    [Fact]
    public void Out_of_range_numbers_name_their_setting()
    {
        var failures = new EscalationOptions { ArmIntervalMilliseconds = 10, ArmBatchSize = 0, RetryPeriodSeconds = 0 }.Validate().ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cem:Cases:Escalation:ArmIntervalMilliseconds must be between 100 and 60000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cem:Cases:Escalation:ArmBatchSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cem:Cases:Escalation:RetryPeriodSeconds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Branch", "region", "Cem:Cases:Escalation:Chain:Branch: an org-unit level must be")]
    [InlineData("branch", "Region!", "Cem:Cases:Escalation:Chain:branch: the level to escalate to must be")]
    [InlineData("branch", "branch", "Cem:Cases:Escalation:Chain:branch escalates to its own level")]
    public void A_bad_chain_entry_names_the_level(string from, string to, string expected)
    {
        var failure = Assert.Single(new EscalationOptions { Chain = new() { [from] = to } }.Validate());

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }
}
