using CemOnPrem.Server.Configuration;
using CemOnPrem.Http.Configuration;

namespace CemOnPrem.Server.Tests.Configuration;

public sealed class CemOptionsValidatorTests
{
    private static CemOptions Valid() => new()
    {
        ControlDatabase = new() { ConnectionString = "Host=127.0.0.1;Database=cem_control" },
        Regions = new(StringComparer.Ordinal)
        {
            ["eu-central"] = new() { ConnectionString = "Host=127.0.0.1;Database=cem_eu" },
            ["cn-east"] = new() { ConnectionString = "Host=127.0.0.1;Database=cem_cn" },
        },
    };

    [Fact]
    public void Valid_configuration_passes() => Assert.True(new CemOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("no-control", "Cem:ControlDatabase:ConnectionString")]
    [InlineData("no-regions", "Cem:Regions")]
    [InlineData("bad-region-name", "Cem:Regions:EU Central")]
    [InlineData("region-without-database", "Cem:Regions:cn-east:ConnectionString")]
    [InlineData("unparseable", "Cem:Regions:eu-central:ConnectionString")]
    [InlineData("shared-database", "Cem:Regions:cn-east:ConnectionString")]
    [InlineData("batch-count", "Cem:Ingest:MaxBatchCount")]
    [InlineData("console-format", "Cem:Logging:ConsoleFormat")]
    [InlineData("proxy-host-name", "Cem:Network:TrustedProxies:1")]
    [InlineData("proxy-bad-prefix", "Cem:Network:TrustedProxies:1")]
    public void Invalid_configuration_names_the_setting_to_fix(string defect, string setting)
    {
        var options = Valid();
        switch (defect)
        {
            case "no-control": options.ControlDatabase.ConnectionString = ""; break;
            case "no-regions": options.Regions.Clear(); break;
            case "bad-region-name": options.Regions["EU Central"] = new() { ConnectionString = "Host=h;Database=x" }; break;
            case "region-without-database": options.Regions["cn-east"].ConnectionString = " "; break;
            case "unparseable": options.Regions["eu-central"].ConnectionString = "Host=h;NoSuchKeyword=1"; break;
            case "shared-database": options.Regions["eu-central"].ConnectionString = "Host=127.0.0.1;Database=cem_cn"; break;
            case "batch-count": options.Ingest.MaxBatchCount = 0; break;
            case "console-format": options.Logging.ConsoleFormat = "xml"; break;
            case "proxy-host-name": options.Network.TrustedProxies = ["10.0.0.5", "proxy.bank.example"]; break;
            case "proxy-bad-prefix": options.Network.TrustedProxies = ["10.0.0.0/8", "10.0.0.0/40"]; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect));
        }

        var result = new CemOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }
}
