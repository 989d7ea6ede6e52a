namespace CemOnPrem.Packs.Tests;

/// <summary>Every shipped pack passes the pack test kit.</summary>
public sealed class PackKitTests
{
    public static TheoryData<string> Packs => new()
    {
        "CemOnPrem.Packs.Banking",
        "CemOnPrem.Packs.Insurance",
        "CemOnPrem.Packs.Retail",
        "CemOnPrem.Packs.Automotive",
    };

    [Theory]
    [MemberData(nameof(Packs))]
    public void Pack_passes_the_test_kit(string project)
    {
        var pack = LoadedPack.From(project);

        var issues = Sdk.Testing.PackValidator.Validate(pack.Content, pack.Code);

        Assert.True(issues.Count == 0, string.Join(Environment.NewLine, issues));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Pack_declares_a_retention_default_with_a_reason_for_every_host_category(string project)
    {
        var defaults = LoadedPack.From(project).Content.Manifest.RetentionDefaults;

        Assert.Equal(Sdk.Packs.DataRetention.HostCategories.Order(StringComparer.Ordinal), defaults.Select(d => d.Category).Order(StringComparer.Ordinal));
        Assert.All(defaults, d => Assert.True(d.Reason.Length > 20, $"{d.Category}: a reason says why"));
    }
}
