using CemOnPrem.Cases.Clocks;

namespace CemOnPrem.Cases.Tests.Clocks;

public sealed class CaseClocksOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_warning_share_outside_zero_to_one_is_refused_naming_the_setting(double share)
    {
        var result = new CaseClocksOptionsValidator().Validate(null, new CaseClocksOptions { WarningShare = share });

        Assert.True(result.Failed);
        Assert.Contains("Cem:Cases:Clocks:WarningShare must be between 0 and 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_share_of_75_percent_is_accepted()
    {
        var options = new CaseClocksOptions();

        Assert.Equal(0.75, options.WarningShare);
        Assert.True(new CaseClocksOptionsValidator().Validate(null, options).Succeeded);
    }
}
