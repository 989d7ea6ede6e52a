using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Tests;

/// <summary>Pins the version syntax packs use (pack.json version, sdkVersion and dependency ranges).</summary>
public sealed class VersionRangeTests
{
    [Theory]
    [InlineData("1.2.3", 1, 2, 3, null)]
    [InlineData("0.1.0", 0, 1, 0, null)]
    [InlineData("1.2.3-beta.1", 1, 2, 3, "beta.1")]
    [InlineData("1.2.3+build.5", 1, 2, 3, null)]
    [InlineData("1.2.3-rc.1+build.5", 1, 2, 3, "rc.1")]
    public void Semantic_versions_parse_into_their_parts(string text, int major, int minor, int patch, string? prerelease)
    {
        Assert.True(SemanticVersion.TryParse(text, out var version));
        Assert.Equal(new SemanticVersion(major, minor, patch, prerelease), version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("1.0.0.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("latest")]
    public void Texts_that_are_not_major_minor_patch_are_refused(string? text) => Assert.False(SemanticVersion.TryParse(text, out _));

    [Fact]
    public void Parse_names_the_text_it_refuses() =>
        Assert.Contains("'1.0'", Assert.Throws<FormatException>(() => SemanticVersion.Parse("1.0")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("1.0.0-alpha", "1.0.0")]
    [InlineData("1.0.0", "1.0.1")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("1.0.0-alpha", "1.0.0-beta")]
    public void Versions_order_by_semver_precedence(string lower, string higher)
    {
        var (low, high) = (SemanticVersion.Parse(lower), SemanticVersion.Parse(higher));

        Assert.True(low < high && high > low && low <= high && high >= low);
        Assert.True(low.CompareTo(high) < 0 && high.CompareTo(low) > 0);
    }

    [Fact]
    public void Build_metadata_does_not_change_precedence() =>
        Assert.Equal(0, SemanticVersion.Parse("1.0.0+a").CompareTo(SemanticVersion.Parse("1.0.0+b")));

    [Theory]
    [InlineData("[1.0.0,2.0.0)", "1.0.0", true)]
    [InlineData("[1.0.0,2.0.0)", "1.9.9", true)]
    [InlineData("[1.0.0,2.0.0)", "2.0.0", false)]
    [InlineData("[1.0.0,2.0.0)", "0.9.0", false)]
    [InlineData("(1.0.0,2.0.0]", "1.0.0", false)]
    [InlineData("(1.0.0,2.0.0]", "2.0.0", true)]
    [InlineData("[9.0.0,)", "100.0.0", true)]
    [InlineData("(,2.0.0)", "0.0.1", true)]
    [InlineData("1.2.0", "1.2.0", true)]
    [InlineData("1.2.0", "7.0.0", true)]
    [InlineData("1.2.0", "1.1.9", false)]
    [InlineData(" [0.1.0,0.2.0) ", "0.1.0", true)]
    [InlineData("[0.1.0,0.2.0)", "0.2.0-beta", true)]
    [InlineData("[1.0.0]", "1.0.0", true)]
    [InlineData("[1.0.0]", "1.0.1", false)]
    public void Ranges_include_the_versions_between_their_bounds(string range, string version, bool included) =>
        Assert.Equal(included, VersionRange.Parse(range).Includes(SemanticVersion.Parse(version)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0.1")]
    [InlineData("latest")]
    [InlineData("[0.1,0.2)")]
    [InlineData("[1.0.0,2.0.0")]
    [InlineData("[2.0.0,1.0.0)")]
    [InlineData("[1.0.0,2.0.0,3.0.0)")]
    [InlineData("1.*")]
    public void Texts_that_are_not_ranges_of_semantic_versions_are_refused(string? text) => Assert.False(VersionRange.TryParse(text, out _));

    [Fact]
    public void A_range_parses_into_its_bounds()
    {
        Assert.Equal(new VersionRange(new SemanticVersion(1, 0, 0), true, new SemanticVersion(2, 0, 0), false), VersionRange.Parse("[1.0.0,2.0.0)"));
        Assert.Equal(new VersionRange(new SemanticVersion(1, 2, 0), true, null, false), VersionRange.Parse("1.2.0"));
        Assert.Equal("[1.0.0,2.0.0)", VersionRange.Parse("[1.0.0,2.0.0)").ToString());
    }

    [Fact]
    public void Range_parse_names_the_text_it_refuses() =>
        Assert.Contains("'latest'", Assert.Throws<FormatException>(() => VersionRange.Parse("latest")).Message, StringComparison.Ordinal);
}
