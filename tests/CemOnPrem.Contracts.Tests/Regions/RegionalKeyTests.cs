using CemOnPrem.Contracts.Regions;

namespace CemOnPrem.Contracts.Tests.Regions;

public sealed class RegionalKeyTests
{
    [Fact]
    public void Compose_and_split_round_trip()
    {
        var key = RegionalKey.Compose("eu-central", "c-1/journey/2");

        Assert.Equal("eu-central/c-1/journey/2", key);
        Assert.Equal(("eu-central", "c-1/journey/2"), RegionalKey.Split(key));
    }

    [Theory]
    [InlineData("c-123")]
    [InlineData("/c-123")]
    [InlineData("EU/c-123")]
    [InlineData("eu central/c-123")]
    [InlineData("")]
    public void Key_without_a_valid_region_is_refused(string key)
    {
        Assert.False(RegionalKey.TryGetRegion(key, out _));
        var error = Assert.Throws<ArgumentException>(() => RegionalKey.Split(key));
        Assert.Contains("does not start with a residency region", error.Message, StringComparison.Ordinal);
    }
}
