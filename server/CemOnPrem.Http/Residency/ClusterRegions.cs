using CemOnPrem.Storage.Clustering;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CemOnPrem.Http.Residency;

/// <summary>Which regions the active silos of the cluster serve, from membership and the silos' published metadata.</summary>
public sealed class ClusterRegions(IClusterMembershipService membership, ISiloMetadataCache metadata)
{
    public bool IsServedInCluster(string region) =>
        membership.CurrentSnapshot.Members.Values.Any(member =>
            member.Status == SiloStatus.Active && SiloRegions.Serves(metadata.GetSiloMetadata(member.SiloAddress), region));
}
