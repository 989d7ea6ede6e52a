using Npgsql;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// Derives further outputs from a projection cycle (survey invitations, for one) inside the cycle's transaction,
/// so they commit with the new watermark: exactly once, whatever crashes.
/// </summary>
public interface IProjectionObserver
{
    Task ObserveAsync(ProjectionObservation observation, CancellationToken cancellationToken);
}

/// <summary>One cycle as an observer sees it: its transaction, the customers' events and their new derivation.</summary>
public sealed record ProjectionObservation(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, string Region, DateTimeOffset Now,
    IReadOnlyDictionary<string, List<AnalyticsEventRow>> Events, IReadOnlyList<CustomerAnalyticsState> States);
