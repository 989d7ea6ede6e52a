using Orleans.CodeGeneration;
using Orleans.Concurrency;

namespace CemOnPrem.Contracts.Customers;

/// <summary>
/// One customer of one residency region; key <c>{region}/{customerId}</c>. The grain is a projection
/// over the region's event log: it can always be rebuilt from the log.
/// </summary>
[Alias("cem.customer")]
[Version(2)] // 2: journeys
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The single customer view, caught up with the log; null when the customer does not exist.</summary>
    [Alias("get-view")]
    Task<CustomerView?> GetViewAsync();

    /// <summary>A page of the customer's timeline, newest first.</summary>
    [Alias("get-timeline")]
    Task<TimelinePage> GetTimelineAsync(TimelineCursor? after, int limit);

    /// <summary>The writer committed events for this customer up to <paramref name="sequence"/>.</summary>
    /// <summary>The customer's journey instances (all templates), oldest first.</summary>
    [Alias("get-journeys")]
    Task<IReadOnlyList<Journeys.JourneyView>> GetJourneysAsync();

    [OneWay]
    [Alias("events-committed")]
    Task EventsCommittedAsync(long sequence);
}
