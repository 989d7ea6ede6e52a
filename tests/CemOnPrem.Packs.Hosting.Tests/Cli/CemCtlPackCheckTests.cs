using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Tests.Support;

namespace CemOnPrem.Packs.Hosting.Tests.Cli;

/// <summary><c>cemctl pack check</c>: the server's load rules and the publish rules, offline, naming the file at fault.</summary>
public sealed class CemCtlPackCheckTests : IDisposable
{
    private readonly TestPackDirectory _packs = new();

    [Fact]
    public async Task A_loadable_pack_exits_0_and_still_lists_its_publish_problems()
    {
        // The test pack's names are English only: the publish rule 'languages' is broken, no load rule is.
        var pack = _packs.AddDataPack("test", sign: false);

        var check = await RunAsync("pack", "check", pack);

        Assert.Equal(0, check.Code);
        Assert.StartsWith("loadable: com.example.test 1.0.0: 0 load problem(s), ", check.Output, StringComparison.Ordinal);
        Assert.Contains("publish  journeys/visit.json ", check.Error, StringComparison.Ordinal);
        Assert.Contains("(languages)", check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("load   ", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pack_breaking_a_load_rule_exits_1_naming_the_file_holding_the_item_and_the_json_path()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        // Named unlike its id: the check finds the file by the item's id.
        var walkIn = TestPackDirectory.Journey("walk-in");
        walkIn["stages"]![0]!.AsObject().Remove("abandonAfter");
        TestPackDirectory.Write(pack, "journeys/second.json", walkIn);

        var check = await RunAsync("pack", "check", pack);

        Assert.Equal(1, check.Code);
        Assert.Contains("load     journeys/second.json $.stages[0]: needs abandonAfter", check.Error, StringComparison.Ordinal);
        Assert.Contains("(stage-timeout)", check.Error, StringComparison.Ordinal);
        Assert.Contains("refused: com.example.test 1.0.0: 1 load problem(s)", check.Error, StringComparison.Ordinal);
        Assert.Equal("", check.Output);
    }

    [Fact]
    public async Task An_unreadable_file_exits_1_naming_the_file_and_json_path()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        var journey = TestPackDirectory.Journey("visit");
        journey["stagez"] = new JsonArray();
        TestPackDirectory.Write(pack, "journeys/visit.json", journey);

        var check = await RunAsync("pack", "check", pack);

        Assert.Equal(1, check.Code);
        Assert.Contains("journeys/visit.json", check.Error, StringComparison.Ordinal);
        Assert.Contains("stagez", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_one_line()
    {
        var check = await RunAsync("pack", "check", Path.Combine(_packs.Root, "nope"));

        Assert.Equal((1, $"cemctl: {Path.Combine(_packs.Root, "nope")}: no such folder.\n"), (check.Code, check.Error));
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CemCtlRun.RunAsync(args);

    public void Dispose() => _packs.Dispose();
}
