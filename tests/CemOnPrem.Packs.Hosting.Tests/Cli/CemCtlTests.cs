using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Packs.Hosting.Tests.Support;

namespace CemOnPrem.Packs.Hosting.Tests.Cli;

/// <summary>cemctl in-process: the same command tree and handlers as the executable.</summary>
public sealed class CemCtlTests : IDisposable
{
    private readonly TestPackDirectory _packs = new();

    [Fact]
    public async Task Keygen_sign_and_verify_round_trip_and_the_host_loads_the_pack()
    {
        var keys = Path.Combine(_packs.Root, "..", Path.GetFileName(_packs.Root) + "-keys");
        var pack = _packs.AddDataPack("test", sign: false);

        var keygen = await RunAsync("pack", "keygen", "--out", keys, "--publisher", TestKeys.Publisher);
        Assert.Equal(0, keygen.Code);
        Assert.Equal(["Example-Packs.private.pem", "Example-Packs.public.pem"], Directory.GetFiles(keys).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var privateKey = Path.Combine(keys, "Example-Packs.private.pem");
        var publicKey = Path.Combine(keys, "Example-Packs.public.pem");
        var keyId = PublisherKeys.KeyId(PublisherKeys.ImportPublicKey(File.ReadAllText(publicKey)));
        Assert.Contains($"key id:      {keyId}", keygen.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        }

        var sign = await RunAsync("pack", "sign", pack, "--key", privateKey, "--publisher", TestKeys.Publisher);
        Assert.Equal((0, ""), (sign.Code, sign.Error));
        Assert.Equal($"signed com.example.test 1.0.0 (2 files) as publisher '{TestKeys.Publisher}' with key {keyId}\n", sign.Output);

        var verify = await RunAsync("pack", "verify", pack, "--public-key", publicKey);
        Assert.Equal(0, verify.Code);
        Assert.StartsWith("valid: com.example.test 1.0.0", verify.Output, StringComparison.Ordinal);

        var options = TestKeys.Options(_packs.Root);
        options.TrustedPublishers[TestKeys.Publisher] = new TrustedPublisherOptions { PublicKeyFile = publicKey };
        using var registry = await Registries.LoadAsync(options);
        Assert.Equal(PackStatus.Loaded, registry.Find("com.example.test")!.Status);
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task Verify_of_a_tampered_pack_exits_1_naming_the_file()
    {
        var pack = _packs.AddDataPack("test");
        var publicKey = Path.Combine(_packs.Root, "public.pem");
        File.WriteAllText(publicKey, TestKeys.SigningPublicPem);
        File.AppendAllText(Path.Combine(pack, "journeys", "visit.json"), " ");

        var verify = await RunAsync("pack", "verify", pack, "--public-key", publicKey);

        Assert.Equal(1, verify.Code);
        Assert.Equal("invalid: com.example.test 1.0.0\n  file changed: journeys/visit.json\n", verify.Error);
    }

    [Fact]
    public async Task Verify_with_another_key_exits_1_with_the_reason()
    {
        var pack = _packs.AddDataPack("test");
        var otherKey = Path.Combine(_packs.Root, "other.pem");
        File.WriteAllText(otherKey, TestKeys.OtherPublicPem);

        var verify = await RunAsync("pack", "verify", pack, "--public-key", otherKey, "--publisher", TestKeys.Publisher);

        Assert.Equal(1, verify.Code);
        Assert.Contains($"unknown key {PublisherKeys.KeyId(TestKeys.Signing)} for publisher '{TestKeys.Publisher}'", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_mistakes_are_one_line_without_stack_trace()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        var publicKey = Path.Combine(_packs.Root, "public.pem");
        File.WriteAllText(publicKey, TestKeys.SigningPublicPem);

        var missingFolder = await RunAsync("pack", "sign", Path.Combine(_packs.Root, "nope"), "--key", publicKey);
        var publicAsPrivate = await RunAsync("pack", "sign", pack, "--key", publicKey);
        var wrongPublisher = await RunAsync("pack", "sign", pack, "--key", publicKey, "--publisher", "Other");
        var missingKey = await RunAsync("pack", "verify", pack, "--public-key", Path.Combine(_packs.Root, "none.pem"));

        Assert.Equal($"cemctl: {Path.Combine(_packs.Root, "nope")}: no such folder.\n", missingFolder.Error);
        Assert.Equal($"cemctl: --key: {publicKey}: this is a public key; signing needs the private key PEM.\n", publicAsPrivate.Error);
        Assert.Equal($"cemctl: --publisher 'Other' differs from the publisher in pack.json ('{TestKeys.Publisher}'); the server would refuse the pack.\n", wrongPublisher.Error);
        Assert.Equal($"cemctl: --public-key: {Path.Combine(_packs.Root, "none.pem")}: no such file.\n", missingKey.Error);
        Assert.All([missingFolder, publicAsPrivate, wrongPublisher, missingKey], result => Assert.Equal(1, result.Code));
    }

    [Fact]
    public async Task Verify_of_an_unsigned_pack_exits_1()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        var publicKey = Path.Combine(_packs.Root, "public.pem");
        File.WriteAllText(publicKey, TestKeys.SigningPublicPem);

        var verify = await RunAsync("pack", "verify", pack, "--public-key", publicKey);

        Assert.Equal((1, "invalid: com.example.test 1.0.0\n  missing signature: the pack has no .cem-pack/signature\n"), (verify.Code, verify.Error));
    }

    [Fact]
    public async Task Keygen_never_overwrites_a_key()
    {
        var keys = Path.Combine(_packs.Root, "keys");
        Assert.Equal(0, (await RunAsync("pack", "keygen", "--out", keys)).Code);
        var before = File.ReadAllText(Path.Combine(keys, "private.pem"));

        var again = await RunAsync("pack", "keygen", "--out", keys);

        Assert.Equal(1, again.Code);
        Assert.Contains("already holds a key", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(keys, "private.pem")));
    }

    // cemctl pack check: the server's load rules and the publish rules, offline, naming the file and JSON path at fault.
    [Fact]
    public async Task Check_of_a_loadable_pack_exits_0_and_still_lists_its_publish_problems()
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
    public async Task Check_of_a_pack_breaking_a_load_rule_exits_1_naming_the_file_holding_the_item_and_the_json_path()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        // Named unlike its id: the check finds the file by the item's id.
        TestPackDirectory.Write(pack, "journeys/second.json", TestPackDirectory.JourneyWithoutTimeout("walk-in"));

        var check = await RunAsync("pack", "check", pack);

        Assert.Equal(1, check.Code);
        Assert.Contains("load     journeys/second.json $.stages[0]: needs abandonAfter", check.Error, StringComparison.Ordinal);
        Assert.Contains("(stage-timeout)", check.Error, StringComparison.Ordinal);
        Assert.Contains("refused: com.example.test 1.0.0: 1 load problem(s)", check.Error, StringComparison.Ordinal);
        Assert.Equal("", check.Output);
    }

    [Fact]
    public async Task Check_of_an_unreadable_file_exits_1_naming_the_file_and_json_path()
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
    public async Task Check_of_a_missing_folder_is_one_line()
    {
        var check = await RunAsync("pack", "check", Path.Combine(_packs.Root, "nope"));

        Assert.Equal((1, $"cemctl: {Path.Combine(_packs.Root, "nope")}: no such folder.\n"), (check.Code, check.Error));
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CemCtlRun.RunAsync(args);

    public void Dispose() => _packs.Dispose();
}
