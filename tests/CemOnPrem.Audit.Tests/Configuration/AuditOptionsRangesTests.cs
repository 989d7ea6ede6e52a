using CemOnPrem.Audit;

namespace CemOnPrem.Audit.Tests.Configuration;

public sealed class AuditOptionsRangesTests
{
    [Fact]
    public void The_defaults_are_within_every_range()
    {
        Assert.True(new AuditOptionsRanges().Validate(null, new AuditOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(AuditOptions.CheckpointIntervalSeconds))]
    [InlineData(nameof(AuditOptions.MaxRecordsPerCommit))]
    [InlineData(nameof(AuditOptions.QueueCapacity))]
    public void A_setting_out_of_its_range_fails_naming_the_setting(string setting)
    {
        var options = new AuditOptions();
        typeof(AuditOptions).GetProperty(setting)!.SetValue(options, 0);

        var result = new AuditOptionsRanges().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
