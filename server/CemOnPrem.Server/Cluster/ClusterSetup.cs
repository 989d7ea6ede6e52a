using System.Net;
using CemOnPrem.Grains.Cluster;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Clustering;
using CemOnPrem.Storage.Reminders;
using Orleans.Configuration;
using Orleans.Versions.Compatibility;
using Orleans.Versions.Selector;

namespace CemOnPrem.Server.Cluster;

/// <summary>The silo's place in the cluster: membership, endpoints, failure detection, reminders, versioning.</summary>
internal static class ClusterSetup
{
    public static ISiloBuilder UseCemCluster(this ISiloBuilder silo, CemClusterOptions cluster)
    {
        if (cluster.Membership == CemClusterOptions.LocalhostMembership)
        {
            // Development clustering on loopback; extra local nodes join the first one's silo port.
            var primary = cluster.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort) : null;
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
        }
        else
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            silo.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = cluster.SiloPort;
                options.GatewayPort = cluster.GatewayPort;
                if (cluster.AdvertisedAddress.Length > 0)
                {
                    options.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedAddress);
                }
            });
            silo.UseCemPostgresClustering();
        }

        silo.Configure<ClusterMembershipOptions>(options => ApplyTimings(options, cluster));
        silo.AddCemPostgresReminders();
        var canaryPeriod = TimeSpan.FromSeconds(cluster.ReminderCanaryPeriodSeconds);
        silo.Configure<ReminderOptions>(options =>
        {
            if (canaryPeriod < options.MinimumReminderPeriod)
            {
                options.MinimumReminderPeriod = canaryPeriod;
            }
        });
        silo.Services.AddSingleton(new ReminderCanarySettings(cluster.ReminderCanaries, canaryPeriod));
        silo.Services.AddSingleton<ReminderCanaryStore>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReminderCanaryStartup>();

        // Rolling upgrades: a v2 grain answers v1 callers (interfaces only grow, see docs/operations.md), and new
        // activations may land on any silo whose version is compatible with the caller's.
        silo.Configure<GrainVersioningOptions>(options =>
        {
            options.DefaultCompatibilityStrategy = nameof(BackwardCompatible);
            options.DefaultVersionSelectorStrategy = nameof(AllCompatibleVersions);
        });
        return silo;
    }

    /// <summary>
    /// A silo is voted dead after <c>MissedProbesLimit</c> probes of <c>ProbeTimeoutMilliseconds</c> fail
    /// (the last ones relayed through another silo), once <c>VotesForDeathDeclaration</c> silos agree.
    /// </summary>
    internal static void ApplyTimings(ClusterMembershipOptions options, CemClusterOptions cluster)
    {
        var probe = TimeSpan.FromMilliseconds(cluster.ProbeTimeoutMilliseconds);
        options.ProbeTimeout = probe;
        // The adaptive probe timeout never drops below MinProbeTimeout (2.5 s by default), which would stretch detection.
        if (probe < options.MinProbeTimeout)
        {
            options.MinProbeTimeout = probe;
        }

        options.NumMissedProbesLimit = cluster.MissedProbesLimit;
        options.NumVotesForDeathDeclaration = cluster.VotesForDeathDeclaration;
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(cluster.IAmAliveSeconds);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(cluster.TableRefreshSeconds);
    }
}
