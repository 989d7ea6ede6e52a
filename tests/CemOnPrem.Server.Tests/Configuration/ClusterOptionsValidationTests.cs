using CemOnPrem.Server.Configuration;
using CemOnPrem.Http.Configuration;

namespace CemOnPrem.Server.Tests.Configuration;

public sealed class ClusterOptionsValidationTests
{
    private static CemOptions Valid() => new()
    {
        ControlDatabase = new() { ConnectionString = "Host=127.0.0.1;Database=cem_control" },
        Regions = new(StringComparer.Ordinal) { ["eu-central"] = new() { ConnectionString = "Host=127.0.0.1;Database=cem_eu" } },
    };

    [Fact]
    public void Defaults_are_postgres_membership_with_fast_failure_detection()
    {
        var cluster = new CemClusterOptions();

        Assert.True(new CemOptionsValidator().Validate(null, Valid()).Succeeded);
        Assert.Equal("postgres", cluster.Membership);
        Assert.Equal("", cluster.AdvertisedAddress);
        // Declared dead after about 3 missed one-second probes plus the vote: within ~5 s on a LAN.
        Assert.Equal((1000, 3, 2), (cluster.ProbeTimeoutMilliseconds, cluster.MissedProbesLimit, cluster.VotesForDeathDeclaration));
    }

    [Fact]
    public void Localhost_membership_with_a_primary_silo_port_is_valid()
    {
        var options = Valid();
        options.Cluster.Membership = "localhost";
        options.Cluster.PrimarySiloPort = 11111;

        Assert.True(new CemOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("membership", "Cem:Cluster:Membership: 'consul' is not 'postgres' (nodes meet in the control database) or 'localhost' (development, loopback only).")]
    [InlineData("address", "Cem:Cluster:AdvertisedAddress: 'node-1.local' is not an IP address (leave it empty to use this host's first non-loopback IPv4 address).")]
    [InlineData("same-ports", "Cem:Cluster:GatewayPort: 11111 is also Cem:Cluster:SiloPort; they need different ports.")]
    [InlineData("primary-with-postgres", "Cem:Cluster:PrimarySiloPort: only used with Cem:Cluster:Membership=localhost; with postgres membership nodes find each other in the control database (remove the setting).")]
    [InlineData("cluster-id", "Cem:Cluster:ClusterId: 'prod cluster' must be 1 to 100 characters without spaces.")]
    [InlineData("probe", "Cem:Cluster:ProbeTimeoutMilliseconds: 50 is outside 100..60000.")]
    [InlineData("missed-probes", "Cem:Cluster:MissedProbesLimit: 0 is outside 1..10.")]
    [InlineData("votes", "Cem:Cluster:VotesForDeathDeclaration: 11 is outside 1..10.")]
    [InlineData("iamalive", "Cem:Cluster:IAmAliveSeconds: 0 is outside 1..600.")]
    [InlineData("refresh", "Cem:Cluster:TableRefreshSeconds: 601 is outside 1..600.")]
    [InlineData("shutdown", "Cem:Cluster:ShutdownTimeoutSeconds: 0 is outside 1..3600.")]
    [InlineData("canaries", "Cem:Cluster:ReminderCanaries: 65 is outside 0..64.")]
    [InlineData("canary-period", "Cem:Cluster:ReminderCanaryPeriodSeconds: 0 is outside 1..86400.")]
    public void Invalid_cluster_settings_are_refused_with_the_setting_named(string defect, string message)
    {
        var options = Valid();
        var cluster = options.Cluster;
        switch (defect)
        {
            case "membership": cluster.Membership = "consul"; break;
            case "address": cluster.AdvertisedAddress = "node-1.local"; break;
            case "same-ports": cluster.GatewayPort = cluster.SiloPort; break;
            case "primary-with-postgres": cluster.PrimarySiloPort = 11111; break;
            case "cluster-id": cluster.ClusterId = "prod cluster"; break;
            case "probe": cluster.ProbeTimeoutMilliseconds = 50; break;
            case "missed-probes": cluster.MissedProbesLimit = 0; break;
            case "votes": cluster.VotesForDeathDeclaration = 11; break;
            case "iamalive": cluster.IAmAliveSeconds = 0; break;
            case "refresh": cluster.TableRefreshSeconds = 601; break;
            case "shutdown": cluster.ShutdownTimeoutSeconds = 0; break;
            case "canaries": cluster.ReminderCanaries = 65; break;
            case "canary-period": cluster.ReminderCanaryPeriodSeconds = 0; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect));
        }

        var result = new CemOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([message], result.Failures!);
    }
}
