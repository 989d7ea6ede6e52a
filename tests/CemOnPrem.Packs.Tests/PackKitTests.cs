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
}
