using CemOnPrem.Testing;
using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Packs.Hosting.Tests.Support;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Packs.Hosting.Tests.Loading;

public sealed class PackRegistryTests : IDisposable
{
    private readonly TestPackDirectory _packs = new();

    [Fact]
    public async Task Signed_data_pack_loads_with_its_content()
    {
        _packs.AddDataPack("test");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var pack = Assert.Single(registry.Packs);
        Assert.Equal(("com.example.test", PackStatus.Loaded, PackSignatureState.Verified, true), (pack.Id, pack.Status, pack.Signature.State, pack.Active));
        Assert.Null(pack.StatusReason);
        Assert.Equal(PublisherKeys.KeyId(TestKeys.Signing), pack.Signature.KeyId);
        Assert.Equal(["visit"], pack.Contributes.Journeys);
        Assert.Equal("1.0.0", pack.Manifest!.Version);
        var active = Assert.Single(registry.ActivePacks);
        Assert.Equal("visit", Assert.Single(active.Content.Journeys).Id);
    }

    [Fact]
    public async Task Tampered_pack_is_refused_naming_the_file_and_others_still_load()
    {
        var bad = _packs.AddDataPack("bad", id: "com.example.bad");
        _packs.AddDataPack("good", id: "com.example.good");
        File.AppendAllText(Path.Combine(bad, "journeys", "visit.json"), "\n");
        var logger = new ListLogger<PackRegistry>();

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root), logger: logger);

        var refused = registry.Find("com.example.bad")!;
        Assert.Equal(PackStatus.Refused, refused.Status);
        Assert.Equal(PackSignatureState.Invalid, refused.Signature.State);
        Assert.Equal("signature: file changed: journeys/visit.json", refused.StatusReason);
        Assert.False(refused.Active);
        Assert.Equal(PackStatus.Loaded, registry.Find("com.example.good")!.Status);
        Assert.Equal(["com.example.good"], registry.ActivePacks.Select(pack => pack.Id));
        Assert.Contains(logger.Lines, line => line.Level == LogLevel.Warning
            && line.Message == "Pack com.example.bad (folder bad) refused: signature: file changed: journeys/visit.json");
    }

    [Fact]
    public async Task Added_file_refuses_the_pack()
    {
        var pack = _packs.AddDataPack("test");
        File.WriteAllText(Path.Combine(pack, "journeys", "sneaky.json"), "{}");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("signature: file added: journeys/sneaky.json", registry.Find("com.example.test")!.StatusReason);
    }

    [Fact]
    public async Task Pack_signed_with_a_wrong_key_is_refused()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        PackSigning.Sign(pack, TestKeys.Other, TestKeys.Publisher);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var info = registry.Find("com.example.test")!;
        Assert.Equal(PackStatus.Refused, info.Status);
        Assert.StartsWith($"signature: unknown key {PublisherKeys.KeyId(TestKeys.Other)} for publisher '{TestKeys.Publisher}'", info.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_of_an_unknown_publisher_is_refused()
    {
        _packs.AddDataPack("test", publisher: "Stranger");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("signature: unknown publisher 'Stranger': not a trusted publisher of this host", registry.Find("com.example.test")!.StatusReason);
    }

    [Fact]
    public async Task Unsigned_pack_is_refused_unless_allowed()
    {
        _packs.AddDataPack("test", sign: false);

        using (var strict = await Registries.LoadAsync(TestKeys.Options(_packs.Root)))
        {
            var info = strict.Find("com.example.test")!;
            Assert.Equal((PackStatus.Refused, PackSignatureState.Invalid), (info.Status, info.Signature.State));
            Assert.Equal("signature: missing signature: the pack has no .cem-pack/signature (sign it with 'cemctl pack sign', or set Cem:Packs:AllowUnsigned=true for development)", info.StatusReason);
        }

        var logger = new ListLogger<PackRegistry>();
        using var lenient = await Registries.LoadAsync(TestKeys.Options(_packs.Root, allowUnsigned: true), logger: logger);
        var allowed = lenient.Find("com.example.test")!;
        Assert.Equal((PackStatus.Loaded, PackSignatureState.UnsignedAllowed), (allowed.Status, allowed.Signature.State));
        Assert.Contains(logger.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("AllowUnsigned is on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllowUnsigned_does_not_let_a_tampered_signed_pack_in()
    {
        var pack = _packs.AddDataPack("test");
        File.AppendAllText(Path.Combine(pack, "pack.json"), " ");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root, allowUnsigned: true));

        Assert.Equal("signature: file changed: pack.json", registry.Find("com.example.test")!.StatusReason);
    }

    [Fact]
    public async Task Pack_for_another_sdk_range_is_refused_naming_the_range()
    {
        _packs.AddDataPack("test", sdkVersion: "[0.2.0,0.3.0)");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal($"SDK range mismatch: the pack needs SDK [0.2.0,0.3.0) but this host has SDK {SdkInfo.Version}", registry.Find("com.example.test")!.StatusReason);
    }

    [Theory]
    [InlineData("Com.Example.Test", "1.0.0", "[0.1.0,0.2.0)", "manifest: id 'Com.Example.Test' is not a lower-case reverse-DNS name such as com.example.banking")]
    [InlineData("banking", "1.0.0", "[0.1.0,0.2.0)", "manifest: id 'banking' is not a lower-case reverse-DNS name such as com.example.banking")]
    [InlineData("9bank.x", "1.0.0", "[0.1.0,0.2.0)", "manifest: id '9bank.x' is not a lower-case reverse-DNS name such as com.example.banking")]
    [InlineData("com.acme-.bank", "1.0.0", "[0.1.0,0.2.0)", "manifest: id 'com.acme-.bank' is not a lower-case reverse-DNS name such as com.example.banking")]
    [InlineData("com.example.test", "1.0", "[0.1.0,0.2.0)", "manifest: version '1.0' is not a semantic version (major.minor.patch)")]
    [InlineData("com.example.test", "1.0.0", "0.1", "manifest: sdkVersion '0.1' is not a version range such as [0.1.0,0.2.0)")]
    public async Task Invalid_manifest_fields_are_refused_with_the_field(string id, string version, string sdkVersion, string reason)
    {
        _packs.AddDataPack("test", id: id, version: version, sdkVersion: sdkVersion);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var info = Assert.Single(registry.Packs);
        Assert.Equal((PackStatus.Refused, reason), (info.Status, info.StatusReason));
    }

    [Fact]
    public async Task Malformed_content_is_refused_naming_the_file()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        File.WriteAllText(Path.Combine(pack, "journeys", "broken.json"), "{\"id\": \"x\", \"unknownField\": 1}");
        TestPackDirectory.Sign(pack);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.StartsWith("content: journeys/broken.json: ", registry.Find("com.example.test")!.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_that_breaks_a_load_rule_is_refused_naming_the_rule_and_the_member()
    {
        var pack = _packs.AddDataPack("test", sign: false);
        TestPackDirectory.Write(pack, "journeys/visit.json", TestPackDirectory.JourneyWithoutTimeout("visit"));
        TestPackDirectory.Sign(pack);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var info = registry.Find("com.example.test")!;
        Assert.Equal((PackStatus.Refused, "content: journeys/visit/stages/arrive: needs abandonAfter (an ISO 8601 duration such as P30D) so no customer stays in it forever. (stage-timeout)"),
            (info.Status, info.StatusReason));
    }

    [Fact]
    public async Task Content_that_breaks_only_publish_rules_still_loads()
    {
        // The test pack has no lexicons and its stages have no 'zh' name: the kit reports both, the host loads it.
        _packs.AddDataPack("test");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var active = Assert.Single(registry.ActivePacks);
        Assert.Contains(PackRules.CheckContent(active.Content), problem => problem.Rule == "languages" && problem.Level == PackRuleLevel.Publish);
    }

    [Fact]
    public async Task Missing_dependency_refuses_the_pack()
    {
        _packs.AddDataPack("test", dependencies: [new JsonObject { ["id"] = "com.example.base", ["version"] = "[1.0.0,2.0.0)" }]);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("missing dependency: 'com.example.base' [1.0.0,2.0.0) is not installed", registry.Find("com.example.test")!.StatusReason);
    }

    [Fact]
    public async Task Dependency_out_of_range_or_refused_refuses_the_dependent()
    {
        _packs.AddDataPack("base", id: "com.example.base", version: "2.1.0");
        _packs.AddDataPack("old", id: "com.example.old", dependencies: [new JsonObject { ["id"] = "com.example.base", ["version"] = "[1.0.0,2.0.0)" }]);
        _packs.AddDataPack("broken", id: "com.example.broken", sdkVersion: "[9.0.0,)");
        _packs.AddDataPack("onbroken", id: "com.example.onbroken", dependencies: [new JsonObject { ["id"] = "com.example.broken", ["version"] = "1.0.0" }]);
        _packs.AddDataPack("ok", id: "com.example.ok", dependencies: [new JsonObject { ["id"] = "com.example.base", ["version"] = "[2.0.0,3.0.0)" }]);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal("dependency version mismatch: needs 'com.example.base' [1.0.0,2.0.0) but 2.1.0 is installed", registry.Find("com.example.old")!.StatusReason);
        Assert.Equal("dependency refused: 'com.example.broken' could not be loaded", registry.Find("com.example.onbroken")!.StatusReason);
        Assert.Equal(["com.example.base", "com.example.ok"], registry.ActivePacks.Select(pack => pack.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dependency_cycle_is_refused()
    {
        _packs.AddDataPack("a", id: "com.example.a", dependencies: [new JsonObject { ["id"] = "com.example.b", ["version"] = "1.0.0" }]);
        _packs.AddDataPack("b", id: "com.example.b", dependencies: [new JsonObject { ["id"] = "com.example.a", ["version"] = "1.0.0" }]);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.All(registry.Packs, pack => Assert.Equal(PackStatus.Refused, pack.Status));
        Assert.Equal("dependency cycle: com.example.a -> com.example.b -> com.example.a", registry.Find("com.example.a")!.StatusReason);
    }

    [Fact]
    public async Task Duplicate_ids_are_all_refused()
    {
        _packs.AddDataPack("first");
        _packs.AddDataPack("second");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Equal(2, registry.Packs.Count);
        Assert.All(registry.Packs, pack => Assert.Equal(
            "duplicate id: 'com.example.test' is declared by several pack folders (first, second); keep one", pack.StatusReason));
        Assert.Empty(registry.ActivePacks);
    }

    [Fact]
    public async Task Folder_without_a_manifest_is_refused_under_its_folder_name()
    {
        var pack = Path.Combine(_packs.Root, "stray");
        Directory.CreateDirectory(pack);
        File.WriteAllText(Path.Combine(pack, "readme.txt"), "not a pack");
        TestPackDirectory.Sign(pack);

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var info = Assert.Single(registry.Packs);
        Assert.Equal(("stray", PackStatus.Refused, "manifest: pack.json: file not found."), (info.Id, info.Status, info.StatusReason));
    }

    [Fact]
    public async Task Folders_starting_with_a_dot_are_ignored()
    {
        _packs.AddDataPack(".staging");

        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        Assert.Empty(registry.Packs);
    }

    [Fact]
    public async Task Missing_packs_directory_loads_nothing()
    {
        using var registry = await Registries.LoadAsync(TestKeys.Options(Path.Combine(_packs.Root, "nowhere")));

        Assert.Empty(registry.Packs);
        Assert.True(registry.IsLoaded);
    }

    [Fact]
    public async Task Disable_and_enable_are_persisted_across_a_restart()
    {
        _packs.AddDataPack("test");
        var store = new InMemoryPackStateStore();
        var ct = TestContext.Current.CancellationToken;
        using (var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root), store))
        {
            var change = await registry.DisableAsync("com.example.test", "pilot ended", ct);

            Assert.Equal(PackChangeOutcome.Changed, change.Outcome);
            Assert.Equal((PackStatus.DisabledByAdmin, "pilot ended", false, false), (change.Pack!.Status, change.Pack.StatusReason, change.Pack.Enabled, change.Pack.Active));
            Assert.Empty(registry.ActivePacks);
            Assert.False(registry.IsActive("com.example.test"));
        }

        using (var restarted = await Registries.LoadAsync(TestKeys.Options(_packs.Root), store))
        {
            Assert.Equal(PackStatus.DisabledByAdmin, restarted.Find("com.example.test")!.Status);
            Assert.Empty(restarted.ActivePacks);
            var change = await restarted.EnableAsync("com.example.test", ct);
            Assert.Equal((PackStatus.Loaded, true, true), (change.Pack!.Status, change.Pack.Enabled, change.Pack.Active));
        }

        using var again = await Registries.LoadAsync(TestKeys.Options(_packs.Root), store);
        Assert.Equal(PackStatus.Loaded, again.Find("com.example.test")!.Status);
        Assert.Single(again.ActivePacks);
    }

    [Fact]
    public async Task Enabling_a_refused_pack_is_refused_and_unknown_packs_are_not_found()
    {
        _packs.AddDataPack("test", sdkVersion: "[9.0.0,)");
        var ct = TestContext.Current.CancellationToken;
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        var enable = await registry.EnableAsync("com.example.test", ct);

        Assert.Equal(PackChangeOutcome.Refused, enable.Outcome);
        Assert.StartsWith("SDK range mismatch", enable.Pack!.StatusReason, StringComparison.Ordinal);
        Assert.Equal(PackChangeOutcome.NotFound, (await registry.EnableAsync("com.example.none", ct)).Outcome);
        Assert.Equal(PackChangeOutcome.NotFound, (await registry.DisableAsync("com.example.none", "x", ct)).Outcome);
    }

    [Fact]
    public async Task Disabling_a_dependency_deactivates_its_dependents()
    {
        _packs.AddDataPack("base", id: "com.example.base");
        _packs.AddDataPack("top", id: "com.example.top", dependencies: [new JsonObject { ["id"] = "com.example.base", ["version"] = "[1.0.0,2.0.0)" }]);
        using var registry = await Registries.LoadAsync(TestKeys.Options(_packs.Root));

        await registry.DisableAsync("com.example.base", "maintenance", TestContext.Current.CancellationToken);

        var top = registry.Find("com.example.top")!;
        Assert.Equal((PackStatus.Loaded, false, "a dependency is not active"), (top.Status, top.Active, top.StatusReason));
        Assert.Empty(registry.ActivePacks);
    }

    public void Dispose() => _packs.Dispose();
}
