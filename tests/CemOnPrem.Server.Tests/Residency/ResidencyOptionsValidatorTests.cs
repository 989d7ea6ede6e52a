using CemOnPrem.Server.Configuration;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Http.Residency;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Tests.Residency;

public sealed class ResidencyOptionsValidatorTests
{
    private static CemOptions Valid() => new()
    {
        ControlDatabase = new() { ConnectionString = "Host=127.0.0.1;Database=cem_control" },
        Regions = new(StringComparer.Ordinal)
        {
            ["eu-central"] = new() { ConnectionString = "Host=127.0.0.1;Database=cem_eu" },
            ["cn-east"] = new() { ConnectionString = "" },
            ["ap-south"] = new() { ConnectionString = "" },
        },
        Residency = new()
        {
            ServedRegions = ["eu-central"],
            Transfers = [new() { From = "cn-east", To = "eu-central", Purpose = "case-handling", Categories = ["profile"] }],
        },
    };

    [Fact]
    public void A_node_needs_connection_strings_only_for_the_regions_it_serves()
    {
        var options = Valid();

        Assert.True(new CemOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new ResidencyOptionsValidator().Validate(null, options).Succeeded);
        var node = new NodeRegions(Options.Create(options));
        Assert.Equal(["eu-central"], node.Served);
        Assert.Equal("eu-central", node.Location);
        Assert.True(node.IsTransfer("cn-east"));
        Assert.False(node.IsTransfer("eu-central"));
    }

    [Fact]
    public void By_default_a_node_serves_every_region_and_none_of_its_reads_is_a_transfer()
    {
        var options = Valid();
        options.Residency = new();
        options.Regions["cn-east"].ConnectionString = "Host=127.0.0.1;Database=cem_cn";
        options.Regions.Remove("ap-south");

        var node = new NodeRegions(Options.Create(options));

        Assert.Equal(["cn-east", "eu-central"], node.Served);
        Assert.False(node.IsTransfer("cn-east"));
        Assert.False(node.IsTransfer("eu-central"));
        Assert.True(new CemOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("served-unknown", "Cem:Residency:ServedRegions:0")]
    [InlineData("served-without-database", "Cem:Regions:cn-east:ConnectionString")]
    [InlineData("location-unknown", "Cem:Residency:Location")]
    [InlineData("location-missing", "Cem:Residency:Location")]
    [InlineData("rule-from", "Cem:Residency:Transfers:0:From")]
    [InlineData("rule-same-region", "Cem:Residency:Transfers:0")]
    [InlineData("rule-purpose", "Cem:Residency:Transfers:0:Purpose")]
    [InlineData("rule-no-categories", "Cem:Residency:Transfers:0:Categories")]
    [InlineData("rule-category", "Cem:Residency:Transfers:0:Categories:0")]
    public void Invalid_residency_configuration_names_the_setting_to_fix(string defect, string setting)
    {
        var options = Valid();
        var rule = options.Residency.Transfers[0];
        switch (defect)
        {
            case "served-unknown": options.Residency.ServedRegions = ["eu-west"]; break;
            case "served-without-database": options.Residency.ServedRegions = ["eu-central", "cn-east"]; options.Residency.Location = "eu-central"; break;
            case "location-unknown": options.Residency.Location = "mars"; break;
            case "location-missing":
                options.Regions["cn-east"].ConnectionString = "Host=127.0.0.1;Database=cem_cn";
                options.Residency.ServedRegions = ["eu-central", "cn-east"];
                break;
            case "rule-from": rule.From = "eu-west"; break;
            case "rule-same-region": rule.From = "eu-central"; break;
            case "rule-purpose": rule.Purpose = "Case Handling"; break;
            case "rule-no-categories": rule.Categories = []; break;
            case "rule-category": rule.Categories = ["everything"]; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect));
        }

        var failures = new[] { new CemOptionsValidator().Validate(null, options), new ResidencyOptionsValidator().Validate(null, options) }
            .Where(result => result.Failed).SelectMany(result => result.Failures!).ToList();

        Assert.Contains(failures, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }
}
