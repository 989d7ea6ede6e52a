using Orleans.CodeGeneration;

namespace CemOnPrem.Contracts.Journeys;

/// <summary>
/// One journey instance, key <c>{region}/{customerId}/{templateId}/{instance}</c> (see <see cref="JourneyKey"/>).
/// The region's analytics projector derives journeys from the event log; the grain is the journey's address in
/// the cluster, serving it (and, as cases and surveys arrive, acting on it).
/// </summary>
[Alias("cem.journey")]
[Version(1)]
public interface IJourneyGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<JourneyView?> GetAsync();
}
