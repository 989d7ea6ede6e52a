using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;

namespace CemOnPrem.Sdk.Tests;

public sealed class PackRulesTests
{
    private static readonly PackManifest Manifest = new()
    {
        Id = "com.example.banking", Version = "1.0.0", Publisher = "example", Name = "Banking", SdkVersion = "[0.1.0,0.2.0)",
    };

    [Theory]
    [InlineData("com.example.banking")]
    [InlineData("com.acme-bank.claims")]
    [InlineData("cn.9bank.retail")]
    [InlineData("com.example.banking2")]
    public void Reverse_dns_ids_pass_the_manifest_rules(string id) => Assert.Empty(PackRules.CheckManifest(Manifest with { Id = id }));

    [Theory]
    [InlineData("9bank.x")] // the first label is a top-level domain: it starts with a letter
    [InlineData("com.acme-.bank")] // a hyphen only inside a label, as in DNS
    [InlineData("com.-acme.bank")]
    [InlineData("com..bank")]
    [InlineData("banking")]
    [InlineData("Com.Example.Banking")]
    [InlineData("com.example_bank.x")]
    public void Ids_that_are_not_reverse_dns_break_the_manifest_id_load_rule(string id)
    {
        var problem = Assert.Single(PackRules.CheckManifest(Manifest with { Id = id }));

        Assert.Equal(("manifest-id", PackRuleLevel.Load, "pack.json"), (problem.Rule, problem.Level, problem.Where));
        Assert.Equal($"id '{id}' is not a lower-case reverse-DNS name such as com.example.banking", problem.Message);
    }

    [Fact]
    public void Dependencies_follow_the_same_id_rule()
    {
        var manifest = Manifest with { Dependencies = [new PackDependency { Id = "9bank.x", Version = "[1.0.0,2.0.0)" }] };

        Assert.Equal("dependency", Assert.Single(PackRules.CheckManifest(manifest)).Rule);
    }

    [Fact]
    public void Sdk_range_that_excludes_this_sdk_names_both_versions()
    {
        var problem = Assert.Single(PackRules.CheckManifest(Manifest with { SdkVersion = "[0.2.0,0.3.0)" }));

        Assert.Equal((PackRules.SdkRange, $"SDK range mismatch: the pack needs SDK [0.2.0,0.3.0) but this host has SDK {SdkInfo.Version}"), (problem.Rule, problem.Message));
    }

    [Fact]
    public void A_stage_that_can_hold_a_customer_forever_breaks_a_load_rule_naming_the_stage()
    {
        var pack = new PackContent { Manifest = Manifest, Journeys = [Journey(abandonAfter: null)] };

        var problem = Assert.Single(PackRules.CheckContent(pack), p => p.Level == PackRuleLevel.Load);

        Assert.Equal(("stage-timeout", "journeys/visit/stages/arrive"), (problem.Rule, problem.Where));
        Assert.Equal("journeys/visit/stages/arrive: needs abandonAfter (an ISO 8601 duration such as P30D) so no customer stays in it forever. (stage-timeout)", problem.ToString());
    }

    [Fact]
    public void Missing_translations_and_lexicons_break_only_publish_rules()
    {
        var pack = new PackContent { Manifest = Manifest, Journeys = [Journey(abandonAfter: "PT2H")] };

        var problems = PackRules.CheckContent(pack);

        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal((PackRuleLevel.Publish, "languages"), (problem.Level, problem.Rule)));
    }

    [Fact]
    public void Every_rule_a_problem_names_is_in_the_catalogue_with_its_level()
    {
        var pack = new PackContent { Manifest = Manifest with { Id = "x", Version = "1", DataCategories = ["Bad"] }, Journeys = [Journey(abandonAfter: "3 days")] };

        Assert.All(PackRules.CheckContent(pack), problem => Assert.Equal(PackRules.All[problem.Rule], problem.Level));
    }

    [Fact]
    public void Calculators_must_match_the_custom_metrics_one_to_one()
    {
        var pack = new PackContent
        {
            Manifest = Manifest with { EntryAssembly = "Acme.dll" },
            Metrics = [Custom("repeat"), Custom("fcr")],
        };

        var problems = PackRules.CheckCalculators(pack, [null, "repeat", "repeat", "other"]);

        Assert.All(problems, problem => Assert.Equal(("code-calculators", PackRuleLevel.Load, "code"), (problem.Rule, problem.Level, problem.Where)));
        Assert.Equal(
        [
            "MetricCalculators holds a null calculator or a calculator without a metric id",
            "metric 'repeat' has 2 calculators; keep one",
            "a calculator computes metric 'other', which the pack does not define as a custom metric",
            "custom metric(s) without a calculator: fcr",
        ], problems.Select(problem => problem.Message));
        Assert.Empty(PackRules.CheckCalculators(pack, ["fcr", "repeat"]));
    }

    private static Metrics.MetricDefinition Custom(string id) =>
        new() { Id = id, Name = new Dictionary<string, string> { ["en"] = id, ["zh"] = id }, Kind = Metrics.MetricKind.Custom };

    private static JourneyTemplate Journey(string? abandonAfter) => new()
    {
        Id = "visit",
        Name = new Dictionary<string, string> { ["en"] = "Visit" },
        Stages =
        [
            new JourneyStage { Id = "arrive", Name = new Dictionary<string, string> { ["en"] = "Arrive" }, Touchpoints = ["check-in"], AbandonAfter = abandonAfter },
            new JourneyStage { Id = "served", Name = new Dictionary<string, string> { ["en"] = "Served" }, Touchpoints = ["teller"] },
        ],
        EntryTouchpoints = ["check-in"],
        CompletionTouchpoints = ["teller"],
    };
}
