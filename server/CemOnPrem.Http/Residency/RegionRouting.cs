using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Http.Residency;

/// <summary>
/// Decides whether this node may handle a request for a region: writes only where the region is served locally
/// (a node never writes through another jurisdiction's connection), reads wherever some silo serves the region
/// (its grains answer from there; the transfer check decides whether the data may be delivered here).
/// </summary>
public sealed class RegionRouting(NodeRegions node, ClusterRegions cluster)
{
    /// <returns>Null when this node may write the region (or the region is unknown: the caller answers that); else the problem.</returns>
    public ProblemHttpResult? ForWrite(string? region)
    {
        if (region is null || !node.IsConfigured(region) || node.IsServedHere(region))
        {
            return null;
        }

        return cluster.IsServedInCluster(region)
            ? Problem.Of(StatusCodes.Status421MisdirectedRequest, ProblemTypes.RegionNotServedHere, "Region not served by this node.",
                $"No writer for region '{region}' runs on this node (it serves {string.Join(", ", node.Served)}); nothing was stored. " +
                $"Send region '{region}' traffic to a node that serves it: the load balancer routes by region.")
            : Unavailable(region);
    }

    /// <returns>Null when some active silo serves the region (or the region is unknown); else 503 naming the region.</returns>
    public ProblemHttpResult? ForRead(string region) =>
        !node.IsConfigured(region) || node.IsServedHere(region) || cluster.IsServedInCluster(region) ? null : Unavailable(region);

    public static string UnavailableDetail(string region) =>
        $"No active cluster node serves region '{region}'; its data cannot be reached until one does (no other region's node stands in for it). Retry later.";

    private static ProblemHttpResult Unavailable(string region) =>
        Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RegionUnavailable, "Region unavailable.", UnavailableDetail(region));
}
